import Foundation
import HTTP
import Storage

/// `motcua serve`: migrate, load reference data into an empty database, serve until SIGINT
/// or SIGTERM, then drain in-flight requests and close the database cleanly.
enum ServeCommand {
    static func run(_ raw: [String]) throws -> Int32 {
        let arguments = try Arguments(raw, options: ["host", "port", "db", "public", "workers", "io-queues", "readers", "access-log",
                                                        "readahead", "notify-webhook", "notify-log"],
                                      switches: ["seed-demo-if-empty"])
        var server = ServerConfiguration()
        server.host = arguments.value("host", environment: "MOTCUA_HOST") ?? "127.0.0.1"
        server.port = try arguments.integer("port", environment: "MOTCUA_PORT", range: 0...65535) ?? 8080
        server.workerCount = try arguments.integer("workers", range: 1...1024) ?? server.workerCount
        server.ioQueueCount = try arguments.integer("io-queues", range: 1...256) ?? server.ioQueueCount
        let readerCount = try arguments.integer("readers", environment: "MOTCUA_READERS", range: 1...64)
        server.accessLog = try arguments.onOff("access-log", default: true)
        let readahead = try arguments.onOff("readahead", environment: "MOTCUA_READAHEAD", default: false)
        var app = AppConfiguration()
        app.databasePath = DatabaseSetup.path(arguments)
        app.publicDirectory = arguments.value("public") ?? (try? DatabaseSetup.resource("Public")) ?? "Public"
        if let text = arguments.value("notify-webhook", environment: "MOTCUA_NOTIFY_WEBHOOK") {
            guard let url = NotificationSettings.webhookURL(text) else {
                throw Arguments.UsageError(description: "--notify-webhook phải là URL http:// hoặc https:// / must be an http or https URL: \(text)")
            }
            app.notifications.webhookURL = url
        }
        app.notifications.logPath = arguments.value("notify-log")

        let (database, applied) = try DatabaseSetup.open(app.databasePath, readerCount: readerCount,
                                                         randomAccess: !readahead)
        if !applied.isEmpty { Console.say("Đã áp dụng migration: \(applied.joined(separator: ", "))") }
        let dataDirectory = try DatabaseSetup.resource("Data")
        var printLogins = false
        if arguments.has("seed-demo-if-empty") {
            let isEmpty = try database.read { try $0.queryOne("SELECT 1 AS found FROM users LIMIT 1") } == nil
            if isEmpty {
                Console.say("Cơ sở dữ liệu trống: đang tạo dữ liệu demo tỉnh Quảng Ngãi…")
                try DemoSeeder(database: database, dataDirectory: dataDirectory, hasher: PasswordHasher()).run(now: Date())
            }
            printLogins = true
        }

        let application = try Application(configuration: app, server: server, database: database)
        try application.start()
        Console.say("MotCua đang phục vụ tại http://\(server.host):\(application.port) (Ctrl-C để dừng)")
        // Only the scheme and host of a webhook: its path or query may carry a secret token.
        let target = app.notifications.webhookURL.map { "webhook \($0.scheme ?? "")://\($0.host ?? "")" }
            ?? app.resolvedNotificationLogPath
        Console.say("Thông báo gửi tới / notices go to: \(target)")
        if printLogins { Console.say(DemoSeeder.loginTable()) }
        SignalWatcher.onTermination {
            Console.say("Đang dừng: hoàn tất các yêu cầu đang xử lý…")
            application.shutdown()
        }
        application.waitUntilStopped()
        let checkpoints = database.checkpointCounts
        Console.say("Checkpoint WAL: \(checkpoints.background) lần ở luồng riêng, \(checkpoints.writer) lần do luồng ghi.")
        Console.say("Đã dừng.")
        return 0
    }
}
