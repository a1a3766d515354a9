import Domain
import Foundation
import HTTP

/// `GET /api/v1/agencies`, `GET /api/v1/procedures` and `GET /api/v1/procedures/{code}`:
/// the public catalogue, no sign-in needed.
struct CatalogueHandlers: Sendable {
    let context: AppContext
    var procedures: ProcedureStore { ProcedureStore(database: context.database) }

    func agencies(_ request: Request) throws -> Response {
        let page = try ListPage(request)
        let agencies = context.catalog.agencies.values.sorted { $0.id < $1.id }
        let (items, next) = page.slice(agencies)
        return JSONResponse.make { json in
            json.beginObject()
            json.key("items")
            json.beginArray()
            for agency in items {
                json.beginObject()
                json.key("id"); json.int(agency.id)
                json.key("name"); json.string(agency.name)
                json.key("level"); json.string(agency.level.rawValue)
                json.key("parent_id"); json.int(agency.parentID)
                json.key("identifier"); json.string(agency.identifier)
                json.endObject()
            }
            json.endArray()
            json.key("next_cursor"); json.string(next)
            json.endObject()
        }
    }

    /// Search: `q` over name and field, diacritic-insensitive prefix matching with exact
    /// diacritics ranked first (BRIEF.md "Search"); `agency_id` keeps the procedures that
    /// agency performs (a district or commune performs those of its level); `field` is
    /// compared folded.
    func list(_ request: Request) throws -> Response {
        let page = try ListPage(request)
        var agency: Agency?
        if let text = request.query("agency_id"), !text.isEmpty {
            guard let id = Int(text), let found = context.catalog.agencies[id] else {
                throw APIError.validationFailed(["agency_id": "Không có cơ quan mã \(text)."])
            }
            agency = found
        }
        let query = request.query("q") ?? ""
        let field = request.query("field").map(SearchText.fold)
        var ranked = [(entry: ProcedureStore.Entry, rank: Int)]()
        for entry in try procedures.all() {
            let procedure = entry.definition
            if let agency {
                let performs = procedure.agencyID.map { $0 == agency.id } ?? (procedure.level == agency.level.rawValue)
                if !performs { continue }
            }
            if let field, !field.isEmpty, SearchText.fold(procedure.field) != field { continue }
            let rank = SearchText.rank(query: query, text: procedure.name + " " + procedure.field)
            if rank > 0 { ranked.append((entry, rank)) }
        }
        // Stable: best rank first, then by name as Vietnamese readers expect, then by code.
        ranked.sort { a, b in
            if a.rank != b.rank { return a.rank > b.rank }
            if a.entry.definition.name != b.entry.definition.name {
                return SearchText.fold(a.entry.definition.name) < SearchText.fold(b.entry.definition.name)
            }
            return a.entry.definition.code < b.entry.definition.code
        }
        let (items, next) = page.slice(ranked)
        return JSONResponse.make(status: 200) { json in
            json.beginObject()
            json.key("items")
            json.beginArray()
            for item in items { item.entry.definition.writeJSON(into: &json, version: item.entry.version) }
            json.endArray()
            json.key("next_cursor"); json.string(next)
            json.endObject()
        }
    }

    func show(_ request: Request) throws -> Response {
        guard let code = request.pathParameters["code"], let entry = try procedures.find(code: code) else {
            throw APIError.notFound("Không tìm thấy thủ tục hành chính.")
        }
        return JSONResponse.make { entry.definition.writeJSON(into: &$0, version: entry.version) }
    }
}
