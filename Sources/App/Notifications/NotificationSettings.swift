import Foundation

/// How notices to applicants are delivered (`motcua serve --notify-webhook`, `--notify-log`).
public struct NotificationSettings: Sendable {
    /// Whether `Application.start()` starts the delivery worker.
    public var isEnabled = true
    /// POST each notice here (`WebhookTransport`); nil means append to the log file.
    public var webhookURL: URL?
    /// How long one webhook request may take.
    public var webhookTimeout: TimeInterval = 10
    /// The log file of `LogFileTransport`; nil means `notifications.log` beside the database.
    public var logPath: String?
    public var retry = NotificationRetryPolicy()
    /// How often the worker looks for due notices when nobody nudges it.
    public var pollInterval: TimeInterval = 5
    /// Notices read per query.
    public var batchSize = 100
    /// After a pass that sent something, the worker waits this long before the next one, so
    /// that under load the notices of many requests share one write, one fsync and one
    /// commit instead of a pass per request competing with them for the disk.
    public var gatherInterval: TimeInterval = 0.25

    public init() {}

    /// `text` as a webhook URL: absolute `http` or `https` with a host, else nil.
    public static func webhookURL(_ text: String) -> URL? {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host, !host.isEmpty else {
            return nil
        }
        return url
    }
}
