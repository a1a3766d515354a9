import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Serves files under a root folder, for a route such as `GET /static/{path...}`.
///
/// Anything that could leave the root is answered 404 without touching the file system:
/// `..` segments (also when sent as `%2e%2e`, which arrives decoded), an encoded slash or
/// backslash (`%2f`, `%5c`) or NUL in the raw target, a backslash or NUL in the path; then the
/// resolved real path (symlinks followed) must still lie inside the root's real path.
/// Responses carry `ETag` (size and mtime), `Last-Modified` and `Cache-Control`, and answer
/// `If-None-Match` / `If-Modified-Since` with 304 (RFC 9110 §13.1). Files under 256 KiB are
/// kept in memory and re-checked against the disk at most once a second.
public struct StaticFiles: Sendable {
    public let root: String
    /// The root with symlinks resolved; nil when it does not exist (every request is 404).
    let realRoot: String?
    let cache: StaticFileCache

    public init(root: String, cacheControl: String = "public, max-age=3600") {
        self.root = root
        realRoot = StaticFiles.realPath(root)
        cache = StaticFileCache(cacheControl: cacheControl)
    }

    /// Answers `request` with the file at `path` (relative to the root, percent-decoded).
    public func respond(to request: Request, path: String) -> Response {
        guard let realRoot, Self.isSafe(relativePath: path, rawTarget: request.head.path),
              let entry = cache.entry(for: path, realRoot: realRoot)
        else { return Response(status: 404, headers: ["Content-Type": "text/plain; charset=utf-8"], body: .bytes(Array("404 Not Found\n".utf8))) }
        if Self.isNotModified(request.head.headers, entry: entry) {
            return Response(status: 304, headers: entry.validatorHeaders)
        }
        return Response(status: 200, headers: entry.headers, body: entry.body)
    }

    // MARK: - Safety

    /// Rejects paths that could name something outside the root before any lookup.
    static func isSafe(relativePath path: String, rawTarget: Substring) -> Bool {
        guard !path.isEmpty, !path.utf8.contains(0), !path.utf8.contains(UInt8(ascii: "\\")) else { return false }
        // Encoded separators and NUL would have been decoded into the path: refuse them as sent.
        let raw = rawTarget.lowercased()
        if raw.contains("%2f") || raw.contains("%5c") || raw.contains("%00") { return false }
        for segment in path.split(separator: "/", omittingEmptySubsequences: false) {
            if segment.isEmpty || segment == "." || segment == ".." { return false }
        }
        return true
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(validatingCString: resolved)
    }

    // MARK: - Conditionals

    /// RFC 9110 §13.2.2: If-None-Match wins over If-Modified-Since.
    static func isNotModified(_ headers: HTTPHeaders, entry: StaticFileCache.Entry) -> Bool {
        let matches = headers.values(for: "If-None-Match")
        if !matches.isEmpty {
            for list in matches {
                for candidate in list.split(separator: ",") {
                    var tag = candidate.trimmingCharacters(in: .whitespaces)[...]
                    if tag == "*" { return true }
                    if tag.hasPrefix("W/") { tag = tag.dropFirst(2) }  // weak comparison (§8.8.3.2)
                    if tag == entry.etag { return true }
                }
            }
            return false
        }
        if let since = headers["If-Modified-Since"], let seconds = HTTPDate.parse(since) {
            return entry.modifiedSeconds <= seconds
        }
        return false
    }
}
