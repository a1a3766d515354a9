import Domain
import Foundation
import HTTP

/// `POST /api/v1/dossiers/{code}/rating`: the applicant rates a returned dossier, signed in
/// as its owner or by giving the applicant's CCCD number (`id_number`) in the body. Anyone
/// else gets 404; wrong numbers count against the client address like tracking guesses.
struct RatingHandlers: Sendable {
    let context: AppContext

    func rate(_ request: Request) throws -> Response {
        let now = context.now()
        let user = try Authenticator(sessions: context.sessions).user(for: request, now: now)
        let body = try JSONBody.parse(request)
        var problems: [String: String] = [:]
        let idNumber = body.string("id_number", problems: &problems)
        let code = request.pathParameters["code"]
        let dossier: Dossier
        if let user, user.role == .citizen, let code, let owned = try context.dossiers.find(code: code),
           owned.applicantUserID == user.id {
            dossier = owned
        } else if let idNumber {
            dossier = try TrackingHandlers.matchingDossier(code: code, idNumber: idNumber, address: SessionHandlers.host(of: request.remoteAddress),
                                                           context: context, now: now)
        } else {
            throw APIError.notFound("Không tìm thấy hồ sơ.")
        }
        let (criteria, comment) = try Self.validate(body, problems: problems)
        try context.ratings.rate(dossierID: dossier.id, criteria: criteria, comment: comment, now: now)
        return JSONResponse.make(status: 201) { json in
            json.beginObject()
            json.key("code"); json.string(dossier.code)
            json.key("criteria")
            json.beginObject()
            json.key("contacts"); json.int(criteria.contacts)
            json.key("organisations"); json.int(criteria.organisations)
            json.key("attitude"); json.int(criteria.attitude)
            json.key("satisfied"); json.bool(criteria.satisfied)
            json.endObject()
            json.key("comment"); json.string(comment)
            json.endObject()
        }
    }

    /// The criteria (Domain `RatingCriteria`) and the optional comment, or 422 listing every problem.
    static func validate(_ body: JSONBody, problems: [String: String]) throws -> (RatingCriteria, String?) {
        var problems = problems
        let comment = body.string("comment", problems: &problems)
        if let comment, comment.count > 2000 { problems["comment"] = "Ý kiến không được dài quá 2.000 ký tự." }
        guard let criteria = body.object("criteria") else {
            problems["criteria"] = "Vui lòng chấm điểm các tiêu chí đánh giá."
            throw APIError.validationFailed(problems)
        }
        do {
            let result = try RatingCriteria(contacts: score(criteria.object["contacts"]),
                                            organisations: score(criteria.object["organisations"]),
                                            attitude: score(criteria.object["attitude"]),
                                            satisfied: flag(criteria.object["satisfied"]))
            guard problems.isEmpty else { throw APIError.validationFailed(problems) }
            return (result, comment)
        } catch let error as RatingError {
            throw APIError.validationFailed(problems.merging(error.fields) { first, _ in first })
        }
    }

    /// A JSON integer as is; any other present value (text, fraction, true/false) as -1, which
    /// `RatingCriteria` reports as out of range; absent or null as nil ("missing").
    static func score(_ value: Any?) -> Int? {
        switch value {
        case nil, is NSNull: return nil
        case let number as NSNumber where !isBoolean(number):
            let double = number.doubleValue
            return double == double.rounded() && abs(double) < 1000 ? Int(double) : -1
        default: return -1
        }
    }

    /// A JSON true/false; anything else is treated as missing.
    static func flag(_ value: Any?) -> Bool? {
        guard let number = value as? NSNumber, isBoolean(number) else { return nil }
        return number.boolValue
    }

    /// Whether JSONSerialization produced `number` from `true`/`false` rather than a numeral:
    /// Foundation's booleans have the `char` type encoding "c" (a numeral is "i", "q" or "d";
    /// `as? Bool` would accept 0 and 1 too).
    static func isBoolean(_ number: NSNumber) -> Bool {
        String(cString: number.objCType) == "c"
    }
}
