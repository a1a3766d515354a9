import Foundation
import Storage

/// `motcua notifications list [--status S] [--db PATH]` and `motcua notifications retry ID
/// [--db PATH]`: what the delivery worker did, and putting a given-up notice back in line.
enum NotificationCommands {
    static let usage = "dùng / use: motcua notifications list [--status pending|delivered|failed] [--db PATH]"
        + " | motcua notifications retry ID [--db PATH]"
    static let statuses: Set<String> = ["pending", "delivered", "failed"]

    static func run(_ raw: [String]) throws -> Int32 {
        switch raw.first {
        case "list": return try list(Array(raw.dropFirst()))
        case "retry": return try retry(Array(raw.dropFirst()))
        default: throw Arguments.UsageError(description: usage)
        }
    }

    /// One tab-separated line per notice, newest first, under a header line.
    static func list(_ raw: [String]) throws -> Int32 {
        let arguments = try Arguments(raw, options: ["db", "status"])
        let status = arguments.value("status")
        if let status, !statuses.contains(status) {
            throw Arguments.UsageError(description: "--status phải là pending, delivered hoặc failed / must be one of those: \(status)")
        }
        let (database, _) = try DatabaseSetup.open(DatabaseSetup.path(arguments))
        defer { database.close() }
        let rows = try NotificationStore(database: database).list(status: status)
        print("id\tdossier\tchannel\trecipient\tstatus\tattempts\tlast_error")
        for row in rows {
            // One line per notice: a multi-line error text is folded.
            let error = (row.lastError ?? "").replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\t", with: " ")
            print("\(row.id)\t\(row.dossierCode)\t\(row.channel)\t\(row.recipient)\t\(row.status)\t\(row.attempts)\t\(error)")
        }
        return 0
    }

    /// Puts a `failed` notice back to `pending`, due now; exit 1 when there is none to put back.
    static func retry(_ raw: [String]) throws -> Int32 {
        guard let text = raw.first, !text.hasPrefix("--") else { throw Arguments.UsageError(description: usage) }
        guard let id = Int(text), id > 0 else {
            throw Arguments.UsageError(description: "ID phải là số nguyên dương / ID must be a positive integer: \(text)")
        }
        let arguments = try Arguments(Array(raw.dropFirst()), options: ["db"])
        let (database, _) = try DatabaseSetup.open(DatabaseSetup.path(arguments))
        defer { database.close() }
        do {
            try NotificationStore(database: database).retry(id: id, at: Date())
        } catch NotificationStore.RetryError.notFound {
            MotCuaCommand.printError("không có thông báo số \(id) / no notice with id \(id)")
            return 1
        } catch let NotificationStore.RetryError.notFailed(_, status) {
            MotCuaCommand.printError("thông báo số \(id) đang ở trạng thái \(status), chỉ gửi lại được thông báo failed"
                                     + " / only a failed notice can be retried (this one is \(status))")
            return 1
        }
        print("Đã đưa thông báo số \(id) về hàng chờ gửi (pending). / Notice \(id) is pending again.")
        return 0
    }
}
