import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import HTTP

/// POSTs each notice as JSON to a gateway's URL:
/// `{"id","dossier_code","channel","recipient","body","created_at"}`.
///
/// A 2xx answer means delivered (RFC 9110 §15.3); any other status, a network error or no
/// answer within `timeout` fails the attempt with the reason in `last_error`. The same notice
/// may arrive twice (delivery is at-least-once), so receivers should treat `id` as the key.
/// Foundation's URLSession is the client; `send` blocks the worker's thread on a semaphore.
struct WebhookTransport: NotificationTransport {
    let url: URL
    let timeout: TimeInterval
    private let session: URLSession

    /// The most of an error answer's body kept in `last_error`.
    static let maxErrorBodyBytes = 200

    init(url: URL, timeout: TimeInterval = 10) {
        self.url = url
        self.timeout = timeout
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        session = URLSession(configuration: configuration)
    }

    func send(_ notice: Notice, at now: Date) throws {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.httpMethod = "POST"
        request.setValue("application/json; charset=utf-8", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(Self.payload(for: notice))

        let outcome = Locked<Result<Int, NotificationTransportError>?>(nil)
        let done = DispatchSemaphore(value: 0)
        let task = session.dataTask(with: request) { data, response, error in
            let result: Result<Int, NotificationTransportError>
            if let error {
                result = .failure(.network(error.localizedDescription))
            } else if let http = response as? HTTPURLResponse {
                if (200..<300).contains(http.statusCode) {
                    result = .success(http.statusCode)
                } else {
                    let body = String(decoding: (data ?? Data()).prefix(Self.maxErrorBodyBytes), as: UTF8.self)
                    result = .failure(.httpStatus(http.statusCode, body: body.trimmingCharacters(in: .whitespacesAndNewlines)))
                }
            } else {
                result = .failure(.network("no HTTP response"))
            }
            outcome.withLock { $0 = result }
            done.signal()
        }
        task.resume()
        // URLSession enforces `timeout` itself; this margin only guards against a lost callback.
        if done.wait(timeout: .now() + timeout + 5) == .timedOut {
            task.cancel()
            throw NotificationTransportError.timedOut(seconds: timeout)
        }
        switch outcome.withLock({ $0 }) {
        case .success: return
        case let .failure(error): throw error
        case nil: throw NotificationTransportError.network("no outcome")
        }
    }

    /// The JSON body for one notice.
    static func payload(for notice: Notice) -> [UInt8] {
        notice.json(extra: [("dossier_code", notice.dossierCode)], trailing: [("created_at", notice.createdAt)])
    }
}
