import Domain
import Foundation
import HTTP

/// `POST /api/v1/dossiers/{code}/actions`: one step of the dossier state machine.
struct DossierActionHandlers: Sendable {
    let context: AppContext
    var authenticator: Authenticator { Authenticator(sessions: context.sessions) }

    /// Parses the body, takes the action in one write and answers the dossier after it, with
    /// its new `ETag` (RFC 9110 §8.8.3), from the commit's callback (`Routes.secured(deferred:)`).
    func perform(_ request: Request, reply: @escaping Routes.Reply) throws {
        // Whole seconds: stored times have no fraction, so every date computed from `now`
        // (due dates on acceptance and restart) matches the event's recorded time exactly.
        let now = Date(timeIntervalSince1970: context.now().timeIntervalSince1970.rounded(.down))
        let user = try authenticator.requireUser(for: request, now: now)
        guard let code = request.pathParameters["code"] else { throw APIError.notFound("Không tìm thấy hồ sơ.") }
        let action = try DossierActionRequest.parse(try JSONBody.parse(request), ifMatch: request.headers["If-Match"])
        let context = self.context
        context.dossiers.perform(action, code: code, by: user, now: now, calendar: context.calendar) { result in
            reply {
                let dossier = try result.get()
                context.notificationWorker.nudge()  // the action may have queued a notice (committed by now)
                var response = JSONResponse.make { dossier.writeJSON(into: &$0, now: now) }
                response.headers.add("ETag", dossier.entityTag)
                return response
            }
        }
    }
}
