import Foundation

/// Messages for the operator, written straight to standard output (not through `print`'s
/// buffer), so a supervisor or a pipe sees each line as it happens.
enum Console {
    static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
