import Foundation
import HTTP

/// The route table: every URL the app serves, with its handler and body policy.
enum Routes {
    static func makeRouter(context: AppContext) -> Router {
        var router = Router()
        let dossiers = DossierHandlers(context: context)
        let sessions = SessionHandlers(context: context)
        let stats = StatsHandlers(context: context)
        let events = EventsHandlers(context: context)
        let worklist = WorklistHandlers(context: context)
        let forms = FormHandlers(context: context)
        let reports = ReportHandlers(context: context)
        let web = WebSession(context: context)
        let actions = DossierActionHandlers(context: context)
        let staticFiles = StaticFiles(root: context.configuration.publicDirectory)
        let inline = RouteOptions(runsOnIOQueue: true)
        // Durable writes: the handler waits for the group commit's fsync.
        let write = RouteOptions(isBlocking: true)

        router.add(.get, "/healthz", options: inline, secured { _ in
            context.health.isHealthy
                ? Response.text("ok")
                : Response.text("unavailable", status: 503)
        })
        router.add(.get, "/static/{path...}", options: inline, secured { request in
            staticFiles.respond(to: request, path: request.pathParameters["path"] ?? "")
        })
        router.add(.get, "/", secured(HomePage.handler))
        router.add(.get, "/dang-nhap", secured(web.form))
        router.add(.post, "/dang-nhap", secured(web.submit))
        router.add(.post, "/dang-xuat", secured(web.signOut))
        router.add(.get, "/ho-so/{code}/mau-01", secured(forms.receipt))
        router.add(.get, "/ho-so/{code}/mau-05", secured(forms.controlSlip))
        // Mẫu 02–04 and the public tracking page (issue 3 item 8).
        router.add(.get, "/ho-so/{code}/mau-02", secured(forms.supplementRequest))
        router.add(.get, "/ho-so/{code}/mau-03", secured(forms.refusal))
        router.add(.get, "/ho-so/{code}/mau-04", secured(forms.apology))
        router.add(.get, "/tra-cuu", secured(TrackingHandlers(context: context).page))
        router.add(.get, "/so-theo-doi", secured(forms.register))

        router.add(.post, "/api/v1/session", secured(sessions.create))
        router.add(.delete, "/api/v1/session", options: write, secured(sessions.delete))
        router.add(.get, "/api/v1/dossiers", secured(worklist.list))
        router.add(.get, "/api/v1/dossiers/{code}", secured(dossiers.show))
        router.addDeferred(.post, "/api/v1/dossiers/{code}/actions", secured(deferred: actions.perform))
        // Uploads: a multipart body (up to 25 MiB; a larger Content-Length is refused before
        // reading) is spooled to disk. Intake shares its route with the JSON form, which keeps
        // the default limit and is read into memory.
        let upload = RouteOptions(maxBodyBytes: DocumentLimits.maxRequestBytes, spoolsBodyToDisk: true, isBlocking: true,
                                  appliesToMultipartOnly: true)
        // Intake is the busiest durable write: it starts on the worker pool and then waits for
        // its group commit holding no thread at all.
        var intake = upload
        intake.isBlocking = false
        router.addDeferred(.post, "/api/v1/dossiers", options: intake, secured(deferred: dossiers.create))
        // Documents, public tracking, rating and feedback (issue 3 items 5 and 9).
        let documents = DocumentHandlers(context: context)
        let tracking = TrackingHandlers(context: context)
        let ratings = RatingHandlers(context: context)
        let feedback = FeedbackHandlers(context: context)
        router.add(.post, "/api/v1/dossiers/{code}/documents", options: upload, secured(documents.upload))
        router.add(.get, "/api/v1/documents/{id}", secured(documents.download))
        router.add(.get, "/api/v1/track/{code}", secured(tracking.track))
        router.add(.post, "/api/v1/dossiers/{code}/rating", options: write, secured(ratings.rate))
        router.add(.post, "/api/v1/feedback", options: write, secured(feedback.create))
        router.add(.get, "/api/v1/feedback", secured(feedback.list))
        router.add(.post, "/api/v1/feedback/{id}/answer", options: write, secured(feedback.answer))
        router.add(.get, "/api/v1/stats/summary", secured(stats.summary))
        router.add(.get, "/api/v1/events", secured(events.list))
        router.add(.get, "/api/v1/reports/results", secured(reports.results))
        // Organisation, catalogue, calendar and accounts (issue 3 items 1, 2, 3, 6).
        let catalogue = CatalogueHandlers(context: context)
        let calendar = CalendarHandlers(context: context)
        let citizens = CitizenHandlers(context: context)
        let staff = StaffHandlers(context: context)
        router.add(.get, "/api/v1/agencies", secured(catalogue.agencies))
        router.add(.get, "/api/v1/procedures", secured(catalogue.list))
        router.add(.get, "/api/v1/procedures/{code}", secured(catalogue.show))
        router.add(.get, "/api/v1/calendar/due", secured(calendar.due))
        router.add(.get, "/api/v1/calendar/{year}", secured(calendar.show))
        router.add(.put, "/api/v1/calendar/{year}", options: write, secured(calendar.replace))
        router.add(.post, "/api/v1/citizens", options: write, secured(citizens.create))
        router.add(.get, "/api/v1/staff", secured(staff.list))
        router.add(.post, "/api/v1/staff", options: write, secured(staff.create))
        router.add(.patch, "/api/v1/staff/{id}", options: write, secured(staff.update))
        let openAPI = Array(OpenAPIDocument.json.utf8)
        router.add(.get, "/api/v1/openapi.json", options: inline, secured { _ in
            Response(status: 200, headers: ["Content-Type": "application/json; charset=utf-8"], body: .bytes(openAPI))
        })

        router.errorRenderer = { error, request in
            SecurityHeaders.apply(to: ErrorRenderer.render(error, for: request))
        }
        return router
    }

    /// How a deferred handler answers, from any thread: with a closure run on the connection's
    /// queue that returns the response or throws the error to render.
    typealias Reply = @Sendable (_ build: @escaping @Sendable () throws -> Response) -> Void

    /// `secured` for a handler that answers later through its `Reply` (a durable write waiting
    /// for its group commit without holding a thread): errors thrown before answering or by
    /// the reply's closure are rendered, and every answer gets the security headers.
    static func secured(deferred handler: @escaping @Sendable (Request, @escaping Reply) throws -> Void) -> Router.DeferredHandler {
        { request, responder in
            let reply: Reply = { build in
                responder.respond {
                    do {
                        return SecurityHeaders.apply(to: try build())
                    } catch {
                        return SecurityHeaders.apply(to: ErrorRenderer.render(error, for: request))
                    }
                }
            }
            do {
                try handler(request, reply)
            } catch {
                reply { throw error }
            }
        }
    }

    /// Wraps a handler so that its errors are rendered in one place and every response
    /// carries the security headers.
    static func secured(_ handler: @escaping @Sendable (Request) throws -> Response) -> Router.Handler {
        { request in
            do {
                return SecurityHeaders.apply(to: try handler(request))
            } catch {
                return SecurityHeaders.apply(to: ErrorRenderer.render(error, for: request))
            }
        }
    }
}

/// Headers on every response (OWASP secure headers): no MIME sniffing, no framing, no
/// referrer leaks, and a strict content policy for pages.
enum SecurityHeaders {
    static let contentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    static func apply(to response: Response) -> Response {
        var response = response
        response.headers.add("X-Content-Type-Options", "nosniff")
        if let type = response.headers["Content-Type"], type.hasPrefix("text/html") {
            response.headers.add("X-Frame-Options", "DENY")
            response.headers.add("Referrer-Policy", "same-origin")
            response.headers.add("Content-Security-Policy", contentSecurityPolicy)
        }
        return response
    }
}
