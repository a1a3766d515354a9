/// One event of a dossier as readers see it (API.md: a dossier's `events`): a row of
/// `dossier_events` without its hash chain, or one unpacked from `dossiers.history`.
public struct DossierEvent: Sendable, Equatable {
    public var seq: Int
    public var at: String
    public var action: String
    public var actorID: Int?
    public var actorName: String
    public var actorRole: String
    public var fromStatus: String?
    public var toStatus: String
    public var agencyID: Int
    public var note: String?

    public init(seq: Int, at: String, action: String, actorID: Int?, actorName: String, actorRole: String,
                fromStatus: String?, toStatus: String, agencyID: Int, note: String?) {
        self.seq = seq
        self.at = at
        self.action = action
        self.actorID = actorID
        self.actorName = actorName
        self.actorRole = actorRole
        self.fromStatus = fromStatus
        self.toStatus = toStatus
        self.agencyID = agencyID
        self.note = note
    }
}
