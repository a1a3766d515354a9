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
    /// Expired sessions and idempotency keys past their lifetime, removed every hour.
    let housekeeping: HousekeepingSchedule
    /// Wrong tracking or rating guesses (code + CCCD) per client address.
    let guessThrottle = RequestThrottle(maxEvents: 10, window: 15 * 60)
    /// Anonymous feedback submissions per client address.
    let feedbackThrottle = RequestThrottle(maxEvents: 10, window: 15 * 60)
    /// Citizen self-registration: attempts per client address (`POST /api/v1/citizens`).
    let registrationThrottle = LoginThrottle(maxFailures: 10, window: 3600)
    /// The catalogue as last read, the signature of the tables it was read from, and when the
    /// signature was last compared (see `catalog`).
    private let catalogSnapshot: Locked<(snapshot: CatalogSnapshot, signature: String, checkedAt: Date)>
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
        housekeeping = HousekeepingSchedule(housekeeping: Housekeeping(database: database),
                                            interval: configuration.housekeepingInterval,
                                            initialDelay: configuration.housekeepingInitialDelay)
        catalogSnapshot = Locked((try catalogStore.load(), try catalogStore.signature(), Date()))
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

    /// The catalogue (agencies, desks, procedures). `motcua procedures import` may change the
    /// tables while the server runs; at most every `catalogCheckInterval` a cheap signature of
    /// them is compared with the one the snapshot was read from, and the snapshot is read again
    /// when it differs, so an imported procedure can be received without a restart. Dossiers
    /// copy what they need at receipt, so a reload never moves an existing due date.
    var catalog: CatalogSnapshot {
        let now = Date()
        return catalogSnapshot.withLock { state in
            guard now.timeIntervalSince(state.checkedAt) >= configuration.catalogCheckInterval else { return state.snapshot }
            state.checkedAt = now
            // A failed check keeps the snapshot in use; the next interval tries again.
            if let signature = try? catalogStore.signature(), signature != state.signature,
               let fresh = try? catalogStore.load() {
                state = (fresh, signature, now)
            }
            return state.snapshot
        }
    }
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
    /// How often, at most, the in-memory catalogue is compared with its tables (`catalog`).
    public var catalogCheckInterval: TimeInterval = 5
    /// `Housekeeping` runs this long after the start, then at this interval.
    public var housekeepingInitialDelay: TimeInterval = 60
    public var housekeepingInterval: TimeInterval = 3600

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
