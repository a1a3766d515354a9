import Foundation

/// Finds the repository folders the binary reads at run time (`Migrations`, `Data`, `Public`):
/// relative to the working directory first, then to the executable (`.build/<config>/motcua`
/// sits two levels under the repository root), then from `MOTCUA_ROOT`.
enum ResourceLocator {
    static func directory(_ name: String) -> String? {
        var candidates: [String] = []
        if let root = ProcessInfo.processInfo.environment["MOTCUA_ROOT"], !root.isEmpty {
            candidates.append((root as NSString).appendingPathComponent(name))
        }
        candidates.append((FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(name))
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        var folder = executable.deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(folder.appendingPathComponent(name).path)
            folder = folder.deletingLastPathComponent()
        }
        var isDirectory: ObjCBool = false
        return candidates.first { FileManager.default.fileExists(atPath: $0, isDirectory: &isDirectory) && isDirectory.boolValue }
    }
}
