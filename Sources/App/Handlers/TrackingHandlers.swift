import Domain
import Foundation
import HTTP
import Hashing

/// `GET /api/v1/track/{code}?id_number=`: public tracking without login (API.md). Answers only
/// when the CCCD number matches the applicant's, with no personal data; an unknown code and a
/// wrong number get the same 404, and wrong guesses are counted per client address (429).
struct TrackingHandlers: Sendable {
    let context: AppContext

    func track(_ request: Request) throws -> Response {
        let now = context.now()
        guard let idNumber = request.query("id_number").map(JSONBody.trimmingWhitespace), !idNumber.isEmpty else {
            throw APIError.validationFailed(["id_number": "Vui lòng nhập số CCCD/định danh cá nhân của người nộp hồ sơ."])
        }
        let dossier = try Self.matchingDossier(code: request.pathParameters["code"], idNumber: idNumber,
                                               address: SessionHandlers.host(of: request.remoteAddress), context: context, now: now)
        return JSONResponse.make { json in
            json.beginObject()
            json.key("code"); json.string(dossier.code)
            json.key("procedure_name"); json.string(dossier.procedureName)
            json.key("status"); json.string(dossier.status.rawValue)
            json.key("received_at"); json.string(dossier.receivedAt)
            json.key("due_at"); json.string(dossier.dueAt)
            json.key("timing"); json.string(dossier.timing(now: now)?.rawValue)
            json.key("steps")
            json.beginArray()
            for event in dossier.events {
                json.beginObject()
                json.key("at"); json.string(event.at)
                json.key("action"); json.string(event.action)
                json.endObject()
            }
            json.endArray()
            json.endObject()
        }
    }

    /// The dossier `code` when `idNumber` is its applicant's; otherwise 404, recording the
    /// miss against `address` (blocked addresses get 429 even for a right guess).
    static func matchingDossier(code: String?, idNumber: String, address: String, context: AppContext,
                                now: Date) throws -> Dossier {
        let throttle = context.guessThrottle
        guard !throttle.isBlocked(address, now: now) else {
            throw APIError.rateLimited("Bạn đã tra cứu sai quá nhiều lần. Vui lòng thử lại sau ít phút.")
        }
        guard let code, let dossier = try context.dossiers.find(code: code),
              constantTimeEquals(Array(dossier.applicant.idNumber.utf8), Array(idNumber.utf8)) else {
            throttle.record(address, now: now)
            throw APIError.notFound("Không tìm thấy hồ sơ với mã và số CCCD đã nhập.")
        }
        return dossier
    }
}
