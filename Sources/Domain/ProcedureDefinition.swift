/// A procedure of the catalogue (thủ tục hành chính) with everything the catalogue publishes:
/// the shape that `GET /api/v1/procedures/{code}` shows and `motcua procedures import` reads.
public struct ProcedureDefinition: Sendable, Hashable {
    /// A document of the dossier (thành phần hồ sơ).
    public struct Document: Sendable, Hashable {
        public var name: String
        public var required: Bool
        public var copies: Int

        public init(name: String, required: Bool, copies: Int) {
            self.name = name
            self.required = required
            self.copies = copies
        }
    }

    /// An internal processing step: who does it and the time it is budgeted.
    public struct Step: Sendable, Hashable {
        public var name: String
        public var role: String
        public var timeLimit: TimeLimit

        public init(name: String, role: String, timeLimit: TimeLimit) {
            self.name = name
            self.role = role
            self.timeLimit = timeLimit
        }
    }

    /// The levels a procedure is resolved at.
    public static let levels: Set<String> = ["province", "district", "commune"]
    /// `none`, `partial` (một phần) and `full` (toàn trình).
    public static let onlineLevels: Set<String> = ["none", "partial", "full"]

    public var code: String
    public var name: String
    public var field: String
    public var level: String
    /// The department for a province-level procedure; nil when every district or commune
    /// performs it for its own area.
    public var agencyID: Int?
    public var timeLimit: TimeLimit
    /// The fee in đồng; nil when unknown (never shown as free), 0 when free.
    public var feeVND: Int?
    public var feeNote: String?
    public var onlineLevel: String
    public var documents: [Document]
    public var steps: [Step]
    public var legalBasis: String?

    public init(code: String, name: String, field: String, level: String, agencyID: Int?, timeLimit: TimeLimit,
                feeVND: Int?, feeNote: String? = nil, onlineLevel: String, documents: [Document] = [],
                steps: [Step] = [], legalBasis: String? = nil) {
        self.code = code
        self.name = name
        self.field = field
        self.level = level
        self.agencyID = agencyID
        self.timeLimit = timeLimit
        self.feeVND = feeVND
        self.feeNote = feeNote
        self.onlineLevel = onlineLevel
        self.documents = documents
        self.steps = steps
        self.legalBasis = legalBasis
    }

    /// The text searched by `q`: name and field, folded (BRIEF.md "Search").
    public var searchText: String { SearchText.fold(name + " " + field) }
}
