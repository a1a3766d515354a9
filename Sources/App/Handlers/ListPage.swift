import HTTP

/// `limit` and `cursor` of a list request (API.md "Conventions": default 50, max 500). The
/// cursor is opaque to clients; here it is the offset of the next item in the list's order.
struct ListPage {
    static let defaultLimit = 50
    static let maxLimit = 500

    var limit: Int
    var offset: Int

    /// Reads the parameters; a bad one is a 422 naming it.
    init(_ request: Request) throws {
        var problems: [String: String] = [:]
        limit = Self.limit(of: request, problems: &problems)
        offset = 0
        if let text = request.query("cursor"), !text.isEmpty {
            if let value = Int(text), value >= 0 {
                offset = value
            } else {
                problems["cursor"] = "cursor không hợp lệ."
            }
        }
        if !problems.isEmpty { throw APIError.validationFailed(problems) }
    }

    /// The `limit` query parameter of any list (also the keyset-paged ones: the worklist, the
    /// events feed): `defaultLimit` when absent, a problem when outside 1…`maxLimit`.
    static func limit(of request: Request, problems: inout [String: String]) -> Int {
        guard let text = request.query("limit") else { return defaultLimit }
        guard let value = Int(text), (1...maxLimit).contains(value) else {
            problems["limit"] = "limit phải là số nguyên từ 1 đến \(maxLimit)."
            return defaultLimit
        }
        return value
    }

    /// This page of `items`, and the cursor of the next page (nil on the last).
    func slice<T>(_ items: [T]) -> (items: ArraySlice<T>, nextCursor: String?) {
        let start = min(offset, items.count)
        let end = min(start + limit, items.count)
        return (items[start..<end], end < items.count ? String(end) : nil)
    }
}
