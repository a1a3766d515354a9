/// A whole `multipart/form-data` body (RFC 7578) read into text fields and files on disk.
///
/// The body is streamed through `MultipartParser`: a spooled body is read in 64 KiB chunks and
/// file parts are written as their bytes arrive, so no file is ever held whole in memory.
/// On any error every file written so far is removed before the error is thrown.
public enum MultipartForm {
    /// One form field.
    public struct Part: Sendable {
        /// The `name` parameter of Content-Disposition.
        public var name: String
        /// The `filename` (or `filename*`) parameter, reduced to its last path component.
        /// Untrusted: never use it as a path.
        public var filename: String?
        /// The part's Content-Type, if sent.
        public var contentType: String?
        public var content: Content
    }

    /// Where a part's content is.
    public enum Content: Equatable, Sendable {
        /// A field without filename, decoded as UTF-8.
        case text(String)
        /// A file part, written to a new file with a random name in the caller's directory.
        case file(path: String, size: Int)
    }

    /// Bounds on one form.
    public struct Limits: Sendable {
        /// Bytes of one text field (a part without filename).
        public var maxFieldBytes = 1024 * 1024
        /// Bytes of one part's header section.
        public var maxPartHeaderBytes = 8 * 1024
        /// Parts in the form.
        public var maxParts = 1000

        public init() {}
    }

    /// Bytes read from a spooled body per call.
    static let readChunkBytes = 64 * 1024

    /// Reads the form of `request`, writing file parts into `directory`.
    public static func parse(_ request: Request, directory: String, limits: Limits = Limits()) throws(MultipartError) -> [Part] {
        try parse(request.body, contentType: request.headers["Content-Type"] ?? "", directory: directory, limits: limits)
    }

    /// Reads a form body declared with `contentType`, writing file parts into `directory`.
    public static func parse(_ body: RequestBody, contentType: String, directory: String, limits: Limits = Limits()) throws(MultipartError) -> [Part] {
        guard let boundary = MultipartParser.boundary(fromContentType: contentType) else { throw .invalidBoundary }
        var parser = MultipartParser(boundary: boundary, maxPartHeaderBytes: limits.maxPartHeaderBytes, maxParts: limits.maxParts)
        var collector = PartCollector(directory: directory, maxFieldBytes: limits.maxFieldBytes)
        do {
            switch body {
            case .empty:
                break
            case .bytes(let bytes):
                try collector.handle(try parser.feed(bytes))
            case .file(let path, _):
                try FileIO.readChunks(path: path, chunkBytes: readChunkBytes) { (chunk) throws(MultipartError) in
                    try collector.handle(try parser.feed(chunk))
                }
            }
            try parser.finish()
        } catch {
            collector.removeWrittenFiles()
            throw error
        }
        return collector.parts
    }
}
