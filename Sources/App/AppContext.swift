import Domain
import Foundation
import HTTP
import Storage

/// Everything a handler needs, built once at start-up and shared (immutable, or guarded).
final class AppContext: Sendable {
    let configuration: AppConfiguration
    let database: Database
    let dossiers: DossierStore
    let users: UserStore
    let sessions: SessionStore
    let stats: StatsStore
    let catalogStore: CatalogStore
    let health: HealthMonitor
    let loginThrottle = LoginThrottle()
    let documentFiles: DocumentFileStore
    let documents: DocumentStore
    let ratings: RatingStore
    let feedback: FeedbackStore
    /// Delivers the notices the actions queue; nudged after each commit that may have queued one.
    let notificationWorker: NotificationWorker
    /// Wrong tracking or rating guesses (code + CCCD) per client address.
    let guessThrottle = RequestThrottle(maxEvents: 10, window: 15 * 60)
    /// Anonymous feedback submissions per client address.
    let feedbackThrottle = RequestThrottle(maxEvents: 10, window: 15 * 60)
    /// Citizen self-registration: attempts per client address (`POST /api/v1/citizens`).
    let registrationThrottle = LoginThrottle(maxFailures: 10, window: 3600)
    private let catalogSnapshot: Locked<CatalogSnapshot>
    private let calendarValue: Locked<WorkingCalendar>

    init(configuration: AppConfiguration, database: Database) throws {
        self.configuration = configuration
        self.database = database
        dossiers = DossierStore(database: database)
        users = UserStore(database: database)
        sessions = SessionStore(database: database, lifetime: configuration.sessionLifetime)
        stats = StatsStore(database: database)
        catalogStore = CatalogStore(database: database)
        health = HealthMonitor(database: database)
        documentFiles = try DocumentFileStore(root: configuration.resolvedDocumentsDirectory)
        documents = DocumentStore(database: database)
        ratings = RatingStore(database: database)
        feedback = FeedbackStore(database: database)
        notificationWorker = NotificationWorker(delivery: Self.makeDelivery(configuration, database: database),
                                                pollInterval: configuration.notifications.pollInterval,
                                                gatherInterval: configuration.notifications.gatherInterval)
        catalogSnapshot = Locked(try catalogStore.load())
        calendarValue = Locked(try CalendarStore(database: database).load())
    }

    /// The delivery of notices configured: the webhook when a URL is set, else the log file.
    private static func makeDelivery(_ configuration: AppConfiguration, database: Database) -> NotificationDelivery {
        let settings = configuration.notifications
        let transport: any NotificationTransport = settings.webhookURL.map {
            WebhookTransport(url: $0, timeout: settings.webhookTimeout)
        } ?? LogFileTransport(path: configuration.resolvedNotificationLogPath)
        return NotificationDelivery(store: NotificationStore(database: database), transport: transport,
                                    policy: settings.retry, batchSize: settings.batchSize)
    }

    /// The current time; the one clock of the request path.
    func now() -> Date { Date() }

    var catalog: CatalogSnapshot { catalogSnapshot.withLock { $0 } }
    var calendar: WorkingCalendar { calendarValue.withLock { $0 } }

    /// Replaces a year of the calendar and the office hours, then reloads the in-memory
    /// calendar; under the calendar's lock, so two edits cannot leave an older snapshot last.
    func replaceCalendarYear(_ year: CalendarYear, officeHours: OfficeHours) throws {
        let store = CalendarStore(database: database)
        try calendarValue.withLock { calendar in
            try store.replace(year, officeHours: officeHours)
            calendar = try store.load()
        }
    }
}

/// Settings of a running app, from the command line and environment.
public struct AppConfiguration: Sendable {
    public var databasePath = "data/motcua.sqlite"
    public var publicDirectory = "Public"
    public var sessionLifetime: TimeInterval = 12 * 3600
    /// Adds `Secure` to cookies (set when served behind TLS).
    public var secureCookies = false
    /// Root of the content-addressed document store; nil means `documents` beside the
    /// database file.
    public var documentsDirectory: String?
    /// PBKDF2 iterations for passwords set through the API (tests lower it).
    public var passwordIterations = PasswordHasher.recommendedIterations
    /// Delivery of notices to applicants (transport, retries, polling).
    public var notifications = NotificationSettings()

    public init() {}
}

extension AppConfiguration {
    /// `documentsDirectory`, or the `documents` folder next to the database file.
    var resolvedDocumentsDirectory: String {
        if let documentsDirectory { return documentsDirectory }
        return URL(fileURLWithPath: databasePath).deletingLastPathComponent().appendingPathComponent("documents").path
    }

    /// `notifications.logPath`, or `notifications.log` next to the database file.
    var resolvedNotificationLogPath: String {
        if let path = notifications.logPath { return path }
        return URL(fileURLWithPath: databasePath).deletingLastPathComponent().appendingPathComponent("notifications.log").path
    }
}
