import Foundation

/// The `motcua` command line: one subcommand per task, each with its own options.
enum MotCuaCommand {
    static let help = """
    motcua – hệ thống một cửa giải quyết thủ tục hành chính (one-stop case tracking)

    Cách dùng / usage:
      motcua serve [--host 127.0.0.1] [--port 8080] [--db data/motcua.sqlite] [--public Public]
                   [--workers 64] [--io-queues N] [--readers N] [--access-log on|off] [--readahead off|on]
                   [--seed-demo-if-empty] [--notify-webhook URL] [--notify-log PATH]
          Migrate the database, load the province's reference data if empty, serve HTTP, and
          deliver notices to applicants: POSTed as JSON to the webhook (http/https) if given,
          else appended as JSON lines to PATH (default: notifications.log beside the database).
          Environment: MOTCUA_HOST, MOTCUA_PORT, MOTCUA_DB, MOTCUA_READERS, MOTCUA_READAHEAD,
          MOTCUA_NOTIFY_WEBHOOK.
      motcua migrate [--db PATH]             Apply pending migrations (Migrations/NNNN_name.sql).
      motcua seed-demo [--db PATH]           Reference data and one demo account per role (idempotent).
      motcua seed-bench --db PATH --dossiers N [--write-bench-files] [--action-targets M]
          N realistic dossiers for benchmarks; with the flag also PATH.codes, PATH.token, PATH.procedure.
      motcua users add --username U --password P --role R [--agency ID] [--full-name N] [--db PATH]
          Roles: citizen, counter_officer, specialist, leader, agency_admin, province_monitor, admin, integration.
      motcua agencies list [--db PATH]       Agencies: id, level, name, parent.
      motcua audit verify [--db PATH]        Recompute the SHA-256 chain of events and compare each dossier's
          packed history and document list with its rows; name the first broken link or differing dossier.
      motcua procedures import FILE [--format csv|json] [--db PATH]
          Add or update procedures by code (all or nothing; errors name the line).
      motcua procedures export [--format csv|json] [--db PATH]
          The catalogue on standard output, in the form import reads.
      motcua notifications list [--status pending|delivered|failed] [--db PATH]
          Notices to applicants: id, dossier, channel, recipient, status, attempts, last error.
      motcua notifications retry ID [--db PATH]
          Put a failed notice back to pending (sent again by the running server).
      motcua --help                          This text.
    """

    static func run(_ arguments: [String]) -> Int32 {
        guard let command = arguments.first else {
            print(help)
            return 2
        }
        let rest = Array(arguments.dropFirst())
        do {
            switch command {
            case "--help", "-h", "help":
                print(help)
                return 0
            case "serve": return try ServeCommand.run(rest)
            case "migrate": return try DatabaseCommands.migrate(rest)
            case "seed-demo": return try DatabaseCommands.seedDemo(rest)
            case "seed-bench": return try DatabaseCommands.seedBench(rest)
            case "users": return try DatabaseCommands.users(rest)
            case "agencies": return try DatabaseCommands.agencies(rest)
            case "audit": return try AuditCommand.run(rest)
            case "procedures": return try ProcedureCommands.run(rest)
            case "notifications": return try NotificationCommands.run(rest)
            default:
                throw Arguments.UsageError(description: "lệnh không tồn tại / unknown command: \(command)")
            }
        } catch let error as Arguments.UsageError {
            printError("\(error.description)\nXem / see: motcua --help")
            return 2
        } catch {
            printError("\(error)")
            return 1
        }
    }

    static func printError(_ message: String) {
        FileHandle.standardError.write(Data("motcua: \(message)\n".utf8))
    }
}

extension CommandLine {
    /// Runs the `motcua` command line; returns the process exit status.
    public static func run(arguments: [String]) -> Int32 {
        MotCuaCommand.run(arguments)
    }
}
