import Foundation
import HTTPTypes
import Hummingbird
import TicketGateCore

/// Guards everything under `/console`: off (404) without an admin token; every answer carries the console's
/// security headers; a state-changing request another site started is refused (403) before anything else is
/// looked at; and a visitor without a valid session cookie, or with the cookie of a session that signed out
/// (on any instance: sign-outs are in the store), is sent to the sign-in page, except for the sign-in page
/// itself and the static assets.
struct ConsoleGuard<Context: ConsoleRequestContext>: RouterMiddleware {
    let sessions: ConsoleSessions?
    let store: any OperatorStore
    let now: @Sendable () -> Date

    /// What every console answer carries: only this origin's scripts, styles and forms; no framing, no
    /// sniffing, no caching, no referrer to other sites.
    static var securityHeaders: [(HTTPField.Name, String)] {
        [
            (
                .contentSecurityPolicy,
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; "
                    + "base-uri 'none'; object-src 'none'"
            ),
            (.xContentTypeOptions, "nosniff"),
            (.xFrameOptions, "DENY"),
            (.referrerPolicy, "same-origin"),
            (.cacheControl, "no-store"),
        ]
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard let sessions else {
            throw HTTPError(.notFound, message: "set TICKETGATE_ADMIN_TOKEN to turn the console on")
        }
        var response = try await admit(request, context: context, sessions: sessions, next: next)
        for (name, value) in Self.securityHeaders {
            response.headers[name] = value
        }
        return response
    }

    private func admit(
        _ request: Request, context: Context, sessions: ConsoleSessions,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if request.method != .get && request.method != .head, let refusal = Self.crossSiteRefusal(request.headers, authority: request.head.authority)
        {
            context.logger.notice("console: cross-site request refused", metadata: ["tg.client.ip": "\(context.clientAddress ?? "unknown")"])
            return ConsoleRenderer.plain(.forbidden, "Refused: \(refusal). Use the console's own pages.")
        }
        var context = context
        context.consoleSession = request.cookies[ConsoleSessions.cookieName].flatMap { sessions.session(cookie: $0.value, now: now()) }
        if let session = context.consoleSession, try await store.isSignedOut(nonce: session.nonce) {
            context.consoleSession = nil
        }
        let path = request.uri.path
        if context.consoleSession == nil && path != "/console/login" && !path.hasPrefix("/console/assets/") {
            return Self.redirectToSignIn(from: request)
        }
        do {
            return try await next(request, context)
        } catch let refusal as ConsoleRefusal {
            return refusal.response
        }
    }

    /// Why a state-changing request is cross-site, or `nil` when the browser says it is not: `Sec-Fetch-Site`
    /// when it is sent, otherwise `Origin` against `Host`. A request with neither (not from a browser)
    /// still needs the session's CSRF token.
    static func crossSiteRefusal(_ headers: HTTPFields, authority: String?) -> String? {
        if let site = headers[.secFetchSite] {
            return site == "same-origin" || site == "none"
                ? nil : "the request came from another site (Sec-Fetch-Site: \(ControlCharacters.escaped(String(site.prefix(40)))))"
        }
        if let origin = headers[.origin] {
            guard let host = authority, let url = URL(string: origin), let originHost = url.host(percentEncoded: true) else {
                return "the request's Origin cannot be checked"
            }
            let originAuthority = url.port.map { "\(originHost):\($0)" } ?? originHost
            return originAuthority.lowercased() == host.lowercased() ? nil : "the request came from another origin"
        }
        return nil
    }

    /// A `303` to the sign-in page that brings the visitor back to the page asked for.
    static func redirectToSignIn(from request: Request) -> Response {
        let back = request.method == .get ? ConsoleLinks.returnPath(request.uri.description) : nil
        let location = back.map { "/console/login?next=" + PercentEncoding.component($0) } ?? "/console/login"
        return Response(status: .seeOther, headers: [.location: location])
    }
}

extension HTTPField.Name {
    static let secFetchSite = HTTPField.Name("Sec-Fetch-Site")!
    static let xFrameOptions = HTTPField.Name("X-Frame-Options")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
}
