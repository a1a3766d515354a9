/// Why the document store failed (rendered as 500; the call and errno go to the log).
enum DocumentFileStoreError: Error, Equatable {
    case invalidAddress
    case fileSystem(call: String, errno: Int32)
}
