/// A typed read of a row column that did not fit the stored value.
public enum RowDecodingError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The result has no column of that name.
    case missingColumn(String)
    /// The column holds a value of another storage class (`found` is its `typeName`).
    case typeMismatch(column: String, expected: String, found: String)

    /// The column the error is about.
    public var column: String {
        switch self {
        case .missingColumn(let column), .typeMismatch(let column, _, _): column
        }
    }

    public var description: String {
        switch self {
        case .missingColumn(let column):
            "no column named \(column) in the result"
        case .typeMismatch(let column, let expected, let found):
            "column \(column) holds \(found), expected \(expected)"
        }
    }
}
