import Foundation

extension CommandLine {
    /// Runs the `motcua` command line; returns the process exit status.
    public static func run(arguments: [String]) -> Int32 {
        print("motcua: not yet wired")
        return 0
    }
}
