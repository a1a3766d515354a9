import Foundation
import HTTP

/// The route table: every URL the app serves, with its handler and body policy.
enum Routes {
    static func makeRouter(context: AppContext) -> Router {
        var router = Router()
        let dossiers = DossierHandlers(context: context)
        let sessions = SessionHandlers(context: context)
        let stats = StatsHandlers(context: context)
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

        router.add(.post, "/api/v1/session", secured(sessions.create))
        router.add(.delete, "/api/v1/session", options: write, secured(sessions.delete))
        router.add(.post, "/api/v1/dossiers", options: write, secured(dossiers.create))
        router.add(.get, "/api/v1/dossiers/{code}", secured(dossiers.show))
        router.add(.get, "/api/v1/stats/summary", secured(stats.summary))
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
