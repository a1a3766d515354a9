import Domain

/// A procedure of the catalogue, as the intake path needs it.
public struct Procedure: Sendable, Equatable {
    public var id: Int
    public var code: String
    public var name: String
    public var field: String
    public var level: String
    /// The department for province-level procedures; nil for district and commune procedures,
    /// which every district or commune performs for its own area.
    public var agencyID: Int?
    public var timeLimit: TimeLimit
    public var feeVND: Int?
    public var onlineLevel: String

    public init(id: Int, code: String, name: String, field: String, level: String, agencyID: Int?,
                timeLimit: TimeLimit, feeVND: Int?, onlineLevel: String) {
        self.id = id
        self.code = code
        self.name = name
        self.field = field
        self.level = level
        self.agencyID = agencyID
        self.timeLimit = timeLimit
        self.feeVND = feeVND
        self.onlineLevel = onlineLevel
    }
}
