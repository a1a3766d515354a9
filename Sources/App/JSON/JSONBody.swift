import Foundation
import HTTP

/// A request's JSON object, with typed field access that collects per-field problems.
struct JSONBody {
    let object: [String: Any]

    /// Parses the body: not JSON media type → 415; malformed or not an object → 400.
    static func parse(_ request: Request) throws -> JSONBody {
        let contentType = (request.headers["Content-Type"] ?? "").lowercased()
        guard contentType.hasPrefix("application/json") || contentType.contains("+json") else {
            throw APIError.unsupportedMediaType("Nội dung gửi lên phải là JSON (Content-Type: application/json).")
        }
        guard case .bytes(let bytes) = request.body, !bytes.isEmpty else {
            throw APIError.badRequest("Thiếu nội dung JSON.")
        }
        return try parse(bytes: bytes)
    }

    static func parse(bytes: [UInt8]) throws -> JSONBody {
        guard let value = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]),
              let object = value as? [String: Any] else {
            throw APIError.badRequest("Nội dung JSON không hợp lệ.")
        }
        return JSONBody(object: object)
    }

    /// A trimmed non-empty string, or nil when absent, null or blank; wrong type → a problem.
    func string(_ key: String, problems: inout [String: String], prefix: String = "") -> String? {
        switch object[key] {
        case nil, is NSNull: return nil
        case let value as String:
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : trimmed
        default:
            problems[prefix + key] = "Giá trị phải là một chuỗi ký tự."
            return nil
        }
    }

    func requiredString(_ key: String, label: String, problems: inout [String: String], prefix: String = "") -> String? {
        let value = string(key, problems: &problems, prefix: prefix)
        if value == nil, problems[prefix + key] == nil { problems[prefix + key] = "Vui lòng nhập \(label)." }
        return value
    }

    func object(_ key: String) -> JSONBody? {
        (object[key] as? [String: Any]).map(JSONBody.init(object:))
    }
}
