import HTTP
import XCTest

/// What a stream of requests produced through `RequestParser`: events with adjacent body
/// ranges merged into their bytes, then the error that stopped parsing, if any.
struct ParseOutcome: Equatable, CustomStringConvertible {
    enum Item: Equatable {
        case head(RequestHead)
        case body([UInt8])
        case end
    }

    var items: [Item] = []
    var error: HTTPParseError?

    var heads: [RequestHead] {
        items.compactMap { if case .head(let head) = $0 { head } else { nil } }
    }

    var bodies: [[UInt8]] {
        items.compactMap { if case .body(let bytes) = $0 { bytes } else { nil } }
    }

    var description: String {
        let text = items.map { item -> String in
            switch item {
            case .head(let head): "head(\(head.method) \(head.target) \(head.version) \(head.headers.fields.map { "\($0.name)=\($0.value)" }))"
            case .body(let bytes): "body(\(String(decoding: bytes, as: UTF8.self).debugDescription))"
            case .end: "end"
            }
        }
        return "\(text) error: \(error.map { "\($0)" } ?? "none")"
    }
}

/// Feeds byte chunks to one parser the way a connection does: unconsumed bytes stay buffered,
/// `.needMore` waits for the next chunk. `bodyLimit` is applied after every `.head`.
func parseChunks(
    _ chunks: [[UInt8]], limits: HTTPLimits = HTTPLimits(), bodyLimit: Int? = nil,
    file: StaticString = #filePath, line: UInt = #line
) -> ParseOutcome {
    var parser = RequestParser(limits: limits)
    var outcome = ParseOutcome()
    var pending: [UInt8] = []
    for chunk in chunks {
        pending += chunk
        var offset = 0
        reading: while true {
            let result: Result<(consumed: Int, event: RequestParser.Event), HTTPParseError> = pending.withUnsafeBytes { raw in
                do throws(HTTPParseError) {
                    return .success(try parser.parse(UnsafeRawBufferPointer(rebasing: raw[offset...])))
                } catch {
                    return .failure(error)
                }
            }
            switch result {
            case .failure(let error):
                outcome.error = error
                return outcome
            case .success(let (consumed, event)):
                XCTAssert(consumed >= 0 && consumed <= pending.count - offset, "consumed out of range", file: file, line: line)
                switch event {
                case .needMore:
                    XCTAssertEqual(consumed, pending.count - offset, ".needMore must consume everything", file: file, line: line)
                    offset += consumed
                    break reading
                case .head(let head):
                    outcome.items.append(.head(head))
                    if let bodyLimit { parser.bodyLimit = bodyLimit }
                case .body(let range):
                    XCTAssertFalse(range.isEmpty, "empty body event", file: file, line: line)
                    XCTAssertLessThanOrEqual(range.upperBound, consumed, file: file, line: line)
                    let bytes = Array(pending[(offset + range.lowerBound)..<(offset + range.upperBound)])
                    if case .body(let previous)? = outcome.items.last {
                        outcome.items[outcome.items.count - 1] = .body(previous + bytes)
                    } else {
                        outcome.items.append(.body(bytes))
                    }
                case .end:
                    outcome.items.append(.end)
                }
                offset += consumed
            }
        }
        pending.removeFirst(offset)
    }
    return outcome
}

/// Parses `text` whole, in one call.
func parseWhole(_ text: String, limits: HTTPLimits = HTTPLimits(), bodyLimit: Int? = nil) -> ParseOutcome {
    parseChunks([Array(text.utf8)], limits: limits, bodyLimit: bodyLimit)
}

/// Parses `bytes` one byte per call.
func parseByteByByte(_ bytes: [UInt8], limits: HTTPLimits = HTTPLimits(), bodyLimit: Int? = nil) -> ParseOutcome {
    parseChunks(bytes.map { [$0] }, limits: limits, bodyLimit: bodyLimit)
}
