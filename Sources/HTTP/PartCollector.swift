/// Turns parser events into parts, writing file contents as they arrive.
struct PartCollector {
    let directory: String
    let maxFieldBytes: Int
    private(set) var parts: [MultipartForm.Part] = []
    private var current: MultipartForm.Part?
    private var text: [UInt8] = []
    private var file: FileIO.Sink?
    /// Every file created, so that an error can remove them all.
    private var writtenPaths: [String] = []

    init(directory: String, maxFieldBytes: Int) {
        self.directory = directory
        self.maxFieldBytes = maxFieldBytes
    }

    mutating func handle(_ events: [MultipartParser.Event]) throws(MultipartError) {
        for event in events {
            switch event {
            case .partHead(let headers):
                let disposition = try Self.disposition(headers)
                current = MultipartForm.Part(
                    name: disposition.name, filename: disposition.filename,
                    contentType: headers["Content-Type"], content: .text(""))
                text.removeAll(keepingCapacity: true)
                if disposition.filename != nil {
                    let sink = try FileIO.Sink(directory: directory)
                    writtenPaths.append(sink.path)
                    file = sink
                }
            case .partData(let bytes):
                if file != nil {
                    try file?.write(bytes)
                } else {
                    guard text.count + bytes.count <= maxFieldBytes else { throw .fieldTooLarge }
                    text += bytes
                }
            case .partEnd:
                guard var part = current else { throw .malformed }
                if var sink = file {
                    file = nil
                    try sink.close()
                    part.content = .file(path: sink.path, size: sink.size)
                } else {
                    part.content = .text(String(decoding: text, as: UTF8.self))
                }
                parts.append(part)
                current = nil
            case .end:
                break
            }
        }
    }

    /// Closes an open file and removes every file written.
    mutating func removeWrittenFiles() {
        if var sink = file {
            file = nil
            // The files are removed next; a close failure changes nothing.
            try? sink.close()
        }
        for path in writtenPaths { FileIO.remove(path) }
        writtenPaths = []
    }

    /// The name and filename of `Content-Disposition: form-data` (RFC 7578 §4.2), with
    /// `filename*` (RFC 5987, UTF-8 only) preferred over `filename`.
    static func disposition(_ headers: HTTPHeaders) throws(MultipartError) -> (name: String, filename: String?) {
        guard let value = headers["Content-Disposition"], let parsed = HeaderParameters(value),
              parsed.value.equalsIgnoringASCIICase("form-data")
        else { throw .malformed }
        guard let name = parsed["name"] else { throw .missingName }
        var filename = parsed["filename"]
        if let extended = parsed["filename*"] {
            let pieces = extended.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
            if pieces.count == 3, String(pieces[0]).equalsIgnoringASCIICase("utf-8"),
               let decoded = PercentDecoding.decode(pieces[2]) {
                filename = decoded
            }
        }
        // Old browsers sent whole client paths; keep only the last component.
        if let full = filename, let separator = full.lastIndex(where: { $0 == "/" || $0 == "\\" }) {
            filename = String(full[full.index(after: separator)...])
        }
        return (name, filename)
    }
}
