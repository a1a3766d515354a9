// libFuzzer target for the HTTP module (`make fuzz`, fuzz/run.sh): compiled together with
// Sources/HTTP as one module, so it reaches internal API too.
//
// Input layout: byte 0 picks a second split point, byte 1 the limits; the rest is the stream a
// client sent. Each input is parsed three ways — whole, in two pieces, and byte by byte — and
// the three outcomes must be equal (the parser's contract: any split gives the same result).
// Every head is then taken through what a handler does with it: path and query decoding,
// cookies, the router's matching, a form body and a static-file route whose root has a secret
// file beside it and a symlink to it inside; reading the secret stops the fuzzer, as does a
// difference or a crash.

import Foundation

/// What parsing a stream produced: heads, body bytes (adjacent slices merged), message ends,
/// and the error that stopped it.
struct FuzzOutcome: Equatable {
    enum Item: Equatable {
        case head(RequestHead)
        case body([UInt8])
        case end
    }
    var items: [Item] = []
    var error: HTTPParseError?

    mutating func append(_ item: Item) {
        if case .body(let more) = item, case .body(let earlier)? = items.last {
            items[items.count - 1] = .body(earlier + more)
        } else {
            items.append(item)
        }
    }
}

/// Feeds `chunks` to one parser as a connection does: unconsumed bytes stay buffered.
func fuzzParse(_ chunks: [ArraySlice<UInt8>], limits: HTTPLimits) -> FuzzOutcome {
    var parser = RequestParser(limits: limits)
    var outcome = FuzzOutcome()
    var pending: [UInt8] = []
    for chunk in chunks {
        pending += chunk
        var offset = 0
        while true {
            let step: Result<(consumed: Int, event: RequestParser.Event), HTTPParseError> = pending.withUnsafeBytes { raw in
                do throws(HTTPParseError) {
                    return .success(try parser.parse(UnsafeRawBufferPointer(rebasing: raw[offset...])))
                } catch {
                    return .failure(error)
                }
            }
            guard case .success(let (consumed, event)) = step else {
                if case .failure(let error) = step { outcome.error = error }
                return outcome
            }
            precondition(consumed >= 0 && consumed <= pending.count - offset, "consumed out of range")
            switch event {
            case .needMore:
                precondition(consumed == pending.count - offset, ".needMore must consume everything given")
                offset += consumed
            case .head(let head):
                outcome.append(.head(head))
                offset += consumed
            case .body(let range):
                precondition(!range.isEmpty && range.lowerBound >= 0 && range.upperBound <= consumed, "empty body event, or a range outside what was consumed")
                outcome.append(.body(Array(pending[(offset + range.lowerBound)..<(offset + range.upperBound)])))
                offset += consumed
            case .end:
                outcome.append(.end)
                offset += consumed
            }
            if case .needMore = event { break }
        }
        pending.removeFirst(offset)
    }
    return outcome
}

/// What a handler would do with a parsed request; must not trap on anything the parser let in.
func exerciseHandlers(_ head: RequestHead, body: [UInt8], router: Router) {
    let request = Request(head: head, body: body.isEmpty ? .empty : .bytes(body))
    _ = request.queryItems
    _ = request.cookies
    _ = request.formFields()
    _ = PercentDecoding.decode(head.target)
    _ = PercentDecoding.decode(head.target, plusAsSpace: true)
    let response = router.respond(to: request)
    if case .bytes(let bytes) = response.body, String(decoding: bytes, as: UTF8.self).contains(fuzzSecret) {
        fatalError("a request read a file outside the static root: \(head.method) \(head.target)")
    }
    if case .file(let path, _) = response.body, !path.hasPrefix(fuzzStaticRoot + "/") {
        fatalError("a request was answered with \(path), outside the static root: \(head.method) \(head.target)")
    }
}

/// A folder with `public/app.css` inside the static root and `secret.txt` beside it, and a
/// symlink inside the root that points at the secret: no request may ever read the secret.
let fuzzStaticRoot: String = {
    let base = NSTemporaryDirectory() + "motcua-fuzz-static"
    let publicFolder = base + "/public"
    try? FileManager.default.createDirectory(atPath: publicFolder + "/css", withIntermediateDirectories: true)
    FileManager.default.createFile(atPath: publicFolder + "/css/app.css", contents: Data("body{}".utf8))
    FileManager.default.createFile(atPath: base + "/secret.txt", contents: Data(fuzzSecret.utf8))
    try? FileManager.default.createSymbolicLink(atPath: publicFolder + "/link.txt", withDestinationPath: base + "/secret.txt")
    return publicFolder
}()
let fuzzSecret = "FUZZ-SECRET-OUTSIDE-THE-ROOT"
let fuzzStaticFiles = StaticFiles(root: fuzzStaticRoot)

let fuzzRouter: Router = {
    var router = Router()
    router.add(.get, "/static/{path...}") { request in
        fuzzStaticFiles.respond(to: request, path: request.pathParameters["path"] ?? "")
    }
    router.add(.get, "/api/v1/dossiers/{code}") { request in Response(status: 200, body: .bytes(Array((request.pathParameters["code"] ?? "").utf8))) }
    router.add(.post, "/api/v1/dossiers/{code}/actions") { _ in Response(status: 200) }
    router.add(.get, "/healthz") { _ in Response(status: 200) }
    return router
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRequestParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size >= 2 else { return 0 }
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    var limits = HTTPLimits()
    if input[1] & 1 == 1 {
        // Small limits, so the fuzzer reaches every limit branch with short inputs.
        limits.maxRequestLineBytes = 64
        limits.maxHeaderBytes = 128
        limits.maxHeaderCount = 4
        limits.maxBodyBytes = 32
        limits.maxChunkSizeDigits = 3
        limits.maxTrailerBytes = 16
    }
    let whole = checkSplits(input) { fuzzParse($0, limits: limits) }
    var head: RequestHead?
    var body: [UInt8] = []
    for item in whole.items {
        switch item {
        case .head(let next): head = next; body = []
        case .body(let more): body += more
        case .end: if let head { exerciseHandlers(head, body: body, router: fuzzRouter) }
        }
    }
    return 0
}
