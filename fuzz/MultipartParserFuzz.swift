// libFuzzer target for the streaming multipart parser (`make fuzz`, fuzz/run.sh), compiled
// together with Sources/HTTP as one module.
//
// Input layout: byte 0 picks a split point, byte 1 the limits; the rest is a body for the
// boundary "b0undary". It is fed whole, in two pieces and byte by byte: the parts (headers,
// data with adjacent slices merged, ends), the close delimiter and the error must be the same.

struct MultipartOutcome: Equatable {
    enum Item: Equatable {
        case head([String])
        case data([UInt8])
        case partEnd
        case end
    }
    var items: [Item] = []
    var error: MultipartError?
    var finished: MultipartError?? = nil

    mutating func append(_ event: MultipartParser.Event) {
        switch event {
        case .partHead(let headers): items.append(.head(headers.fields.map { "\($0.name): \($0.value)" }))
        case .partData(let bytes):
            guard !bytes.isEmpty else { return }
            if case .data(let earlier)? = items.last { items[items.count - 1] = .data(earlier + bytes) } else { items.append(.data(bytes)) }
        case .partEnd: items.append(.partEnd)
        case .end: items.append(.end)
        }
    }
}

func fuzzMultipart(_ chunks: [ArraySlice<UInt8>], small: Bool) -> MultipartOutcome {
    var parser = small
        ? MultipartParser(boundary: "b0undary", maxPartHeaderBytes: 48, maxParts: 3)
        : MultipartParser(boundary: "b0undary")
    var outcome = MultipartOutcome()
    for chunk in chunks {
        do throws(MultipartError) {
            for event in try parser.feed(chunk) { outcome.append(event) }
        } catch {
            // Events of the call that threw are lost with it, so which came before depends on
            // the split; only the error is compared.
            outcome.items = []
            outcome.error = error
            return outcome
        }
    }
    do throws(MultipartError) {
        try parser.finish()
        outcome.finished = .some(nil)
    } catch {
        outcome.finished = .some(error)
    }
    return outcome
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMultipartParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size >= 2 else { return 0 }
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    let small = input[1] & 1 == 1
    _ = checkSplits(input) { fuzzMultipart($0, small: small) }
    return 0
}
