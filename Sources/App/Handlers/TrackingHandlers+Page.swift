import Domain
import Foundation
import HTTP

extension TrackingHandlers {
    /// `GET /tra-cuu?ma=&cccd=`: the tracking page for people, with the same matching and the
    /// same per-address throttle as `GET /api/v1/track/{code}`. Only `ma` (from Mẫu 01's QR
    /// code) shows the form with the code filled in; a miss is 404 and a blocked address 429,
    /// each with the form again and a message.
    func page(_ request: Request) throws -> Response {
        let code = JSONBody.trimmingWhitespace(request.query("ma") ?? "")
        let idNumber = JSONBody.trimmingWhitespace(request.query("cccd") ?? "")
        guard request.query("cccd") != nil else {
            return TrackingPage.response(code: code, idNumber: "", outcome: .none)
        }
        guard !code.isEmpty, !idNumber.isEmpty else {
            return TrackingPage.response(status: 422, code: code, idNumber: idNumber, outcome: .problem(
                "Vui lòng nhập đủ mã hồ sơ và số CCCD/định danh cá nhân của người nộp hồ sơ."))
        }
        let now = context.now()
        do {
            let dossier = try Self.matchingDossier(code: code, idNumber: idNumber,
                                                   address: SessionHandlers.host(of: request.remoteAddress),
                                                   context: context, now: now)
            return TrackingPage.response(code: code, idNumber: idNumber,
                                         outcome: .found(dossier, timing: dossier.timing(now: now)))
        } catch let error as APIError where error.status == 404 || error.status == 429 {
            return TrackingPage.response(status: error.status, code: code, idNumber: idNumber,
                                                 outcome: .problem(error.message))

        }
    }
}
