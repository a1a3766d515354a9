import Glibc

/// Small POSIX file helpers for streaming multipart data to and from disk; each failure
/// carries the call and its errno.
enum FileIO {
    /// A new file with a random, unique name, opened for writing.
    struct Sink {
        let path: String
        private var descriptor: Int32
        private(set) var size = 0

        /// Creates `upload-<32 hex digits>` in `directory` (O_EXCL: never an existing file).
        init(directory: String) throws(MultipartError) {
            var generator = SystemRandomNumberGenerator()
            while true {
                let name = "upload-" + FileIO.hex(generator.next()) + FileIO.hex(generator.next())
                let candidate = directory.hasSuffix("/") ? directory + name : directory + "/" + name
                let descriptor = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
                if descriptor >= 0 {
                    path = candidate
                    self.descriptor = descriptor
                    return
                }
                let error = errno
                guard error == EEXIST else { throw .fileSystem(call: "open", errno: error) }
            }
        }

        /// Appends `bytes`, retrying short writes and EINTR.
        mutating func write(_ bytes: [UInt8]) throws(MultipartError) {
            var written = 0
            while written < bytes.count {
                let result = bytes.withUnsafeBytes { raw in
                    Glibc.write(descriptor, raw.baseAddress.map { $0 + written }, bytes.count - written)
                }
                if result < 0 {
                    let error = errno
                    if error == EINTR { continue }
                    throw .fileSystem(call: "write", errno: error)
                }
                written += result
            }
            size += bytes.count
        }

        /// Closes the file; a second call does nothing.
        mutating func close() throws(MultipartError) {
            guard descriptor >= 0 else { return }
            let result = Glibc.close(descriptor)
            descriptor = -1
            if result != 0 { throw .fileSystem(call: "close", errno: errno) }
        }
    }

    /// Reads the file at `path` in chunks of `chunkBytes`, passing each to `body`.
    static func readChunks(path: String, chunkBytes: Int, _ body: (ArraySlice<UInt8>) throws(MultipartError) -> Void) throws(MultipartError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .fileSystem(call: "open", errno: errno) }
        defer { _ = Glibc.close(descriptor) }  // read-only: a close failure loses nothing
        var buffer = [UInt8](repeating: 0, count: chunkBytes)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, chunkBytes) }
            if count < 0 {
                let error = errno
                if error == EINTR { continue }
                throw .fileSystem(call: "read", errno: error)
            }
            if count == 0 { return }
            try body(buffer[0..<count])
        }
    }

    /// Removes `path`; a file already gone is not an error.
    static func remove(_ path: String) {
        _ = unlink(path)
    }

    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
