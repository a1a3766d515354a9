import Foundation
import HTTP
import TestSupport
import XCTest

/// A notification gateway for tests: the project's own HTTP `Server` on an ephemeral port,
/// answering `POST /hook` with the statuses of a script (the last one repeats), optionally
/// after a delay, and keeping every body it received.
final class WebhookReceiver {
    private let server: TestServer
    private let received = Locked<[[UInt8]]>([])

    var url: URL { URL(string: "http://127.0.0.1:\(server.port)/hook")! }  // a literal with a port: always valid

    init(statuses: [Int], delay: TimeInterval = 0) throws {
        let script = Locked(statuses)
        let received = self.received
        var router = Router()
        router.add(.post, "/hook") { request in
            if case let .bytes(body) = request.body {
                received.withLock { $0.append(body) }
            } else {
                received.withLock { $0.append([]) }
            }
            if delay > 0 { Thread.sleep(forTimeInterval: delay) }
            let status = script.withLock { statuses in statuses.count > 1 ? statuses.removeFirst() : statuses.first ?? 200 }
            return Response.text("status \(status)\n", status: status)
        }
        server = try TestServer(router: router)
    }

    deinit { server.stop() }

    /// The bodies received so far, in order.
    var bodies: [[UInt8]] { received.withLock { $0 } }

    /// The bodies received so far, parsed as JSON objects.
    func objects(file: StaticString = #filePath, line: UInt = #line) throws -> [[String: Any]] {
        try bodies.map { try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0)) as? [String: Any], file: file, line: line) }
    }
}
