// libFuzzer target for the streaming multipart parser (`make fuzz`, fuzz/run.sh), compiled
// together with Sources/HTTP as one module.
//
// Input layout: byte 0 picks a split point, byte 1 the limits; the rest is a body for the
// boundary "b0undary". It is fed whole, in two pieces and byte by byte: the parts (headers,
// data with adjacent slices merged, ends), the close delimiter and the error must be the same.
// The body then goes through the whole form reader, which writes file parts to disk: a refused
// body must leave no file, an accepted one exactly the files its parts name. The input as text
// also goes to the Content-Type boundary and header-parameter parsers.

import Foundation

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
    checkFormLeavesNoStrayFiles(Array(input[2...]), small: small)
    let text = String(decoding: input[2...], as: UTF8.self)
    _ = MultipartParser.boundary(fromContentType: text)
    _ = HeaderParameters(text)
    return 0
}

/// The whole form reader (`MultipartForm.parse`, which writes file parts to disk): a body it
/// refuses leaves no file behind, and one it accepts leaves exactly the files its parts name,
/// each of the size it reports.
let fuzzUploadDirectory: String = {
    let path = NSTemporaryDirectory() + "motcua-fuzz-uploads-\(getpid())"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}()

func checkFormLeavesNoStrayFiles(_ body: [UInt8], small: Bool) {
    var limits = MultipartForm.Limits()
    if small {
        limits.maxFieldBytes = 16
        limits.maxPartHeaderBytes = 48
        limits.maxParts = 3
    }
    let directory = fuzzUploadDirectory
    var named: [String] = []
    do throws(MultipartError) {
        let parts = try MultipartForm.parse(.bytes(body), contentType: "multipart/form-data; boundary=b0undary",
                                            directory: directory, limits: limits)
        for part in parts {
            if part.name.isEmpty { fatalError("a part without a name was accepted") }
            if case .file(let path, let size) = part.content {
                let actual = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? -1
                if actual != size { fatalError("file part \(path) reports \(size) bytes, holds \(actual)") }
                named.append((path as NSString).lastPathComponent)
            }
        }
    } catch {
        // Refused: nothing may stay behind.
    }
    let present = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    if present != named.sorted() { fatalError("files left \(present), parts name \(named.sorted())") }
    for name in present { try? FileManager.default.removeItem(atPath: directory + "/" + name) }
}
