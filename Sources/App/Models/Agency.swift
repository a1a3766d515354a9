/// An agency of the province's tree (province → departments and districts → communes).
public struct Agency: Sendable, Equatable {
    public enum Level: String, Sendable, CaseIterable {
        case province, department, district, commune
    }

    public var id: Int
    public var parentID: Int?
    public var level: Level
    public var name: String
    /// Electronic identifier in the national format, the prefix of dossier codes.
    public var identifier: String

    public init(id: Int, parentID: Int?, level: Level, name: String, identifier: String) {
        self.id = id
        self.parentID = parentID
        self.level = level
        self.name = name
        self.identifier = identifier
    }
}
