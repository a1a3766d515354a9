/// An error with an HTTP status, thrown by the router (404, 405) and usable by handlers.
public struct HTTPError: Error, Sendable, Equatable {
    public var status: Int
    /// For 405: the methods the path does support, sent as `Allow` (RFC 9110 §15.5.6).
    public var allowedMethods: [HTTPMethod]

    public init(status: Int, allowedMethods: [HTTPMethod] = []) {
        self.status = status
        self.allowedMethods = allowedMethods
    }

    public static let notFound = HTTPError(status: 404)

    public static func methodNotAllowed(_ allowed: [HTTPMethod]) -> HTTPError {
        HTTPError(status: 405, allowedMethods: allowed)
    }
}
