import Foundation
import Hummingbird
import TicketGateCore

/// The operator console under `/console`: server-rendered pages over the same store, coordination and
/// operator actions as the admin API, so every instance shows the same and any instance can act.
struct ConsoleController<Context: ConsoleRequestContext>: Sendable {
    let backend: any ConsoleBackend
    let sessions: ConsoleSessions?
    let renderer: ConsoleRenderer

    var store: any OperatorStore { backend.store }

    func addRoutes(to router: Router<Context>) {
        let console = router.group("console").add(middleware: ConsoleGuard<Context>(sessions: sessions, store: store, now: backend.now))
        console.get("", use: showOverview)
        console.get("assets/{file}", use: asset)
        console.get("login", use: showSignIn)
        console.post("login", use: signIn)
        console.post("logout", use: signOut)
        console.get("events", use: listEvents)
        console.get("events/{id}", use: showEvent)
        console.post("events/{id}/replay", use: replayEvent)
        console.post("deliveries/{id}/retry", use: retryDelivery)
        console.get("dead-letters", use: listDeadLetters)
        console.get("destinations", use: listDestinations)
        console.post("destinations/{name}/retry", use: retryDestination)
        console.post("destinations/{name}/pause", use: pauseDestination)
        console.post("destinations/{name}/resume", use: resumeDestination)
        console.get("rules", use: showRules)
        console.post("rules/playground", use: runPlayground)
        console.post("rules/preview", use: runPreview)
    }

    // MARK: - Pages

    @Sendable func showOverview(_ request: Request, context: Context) async throws -> Response {
        let now = backend.now()
        let view = OverviewView(
            frame: frame("Overview", "/console", request, context, refreshes: true),
            activity: try await store.activity(since: now.addingTimeInterval(-24 * 3600)),
            destinations: try await backend.destinations(), backlog: try await store.outboxBacklog(now: now),
            instances: try await backend.instances(), now: now)
        return renderer.page("overview", view)
    }

    @Sendable func listEvents(_ request: Request, context: Context) async throws -> Response {
        // A form sends "any" as an empty value: no filter.
        let parameters = Self.parameters(request).filter { !$0.value.isEmpty }
        var page: EventPage?
        var error: String?
        do {
            var query = try backend.eventQuery(parameters)
            query.counting = true
            page = try await store.listEvents(query)
        } catch let refused as EventQueryRefusal {
            error = refused.detail
        } catch let refused as EventListQueryError {
            error = "This page link is no longer valid (\(refused.description)); start again from the newest events."
        }
        let view = EventsView(
            frame: frame("Events", "/console/events", request, context, refreshes: true), parameters: parameters, page: page, error: error,
            rules: backend.rules)
        return renderer.page("events", view, status: error == nil ? .ok : .badRequest)
    }

    @Sendable func showEvent(_ request: Request, context: Context) async throws -> Response {
        let id = EventID(rawValue: context.parameters.get("id") ?? "")
        guard !ControlCharacters.contains(id.rawValue), let report = try await store.report(for: id) else {
            return message(request, context, title: "No such event", "No event with this id is stored.", status: .notFound, back: "/console/events")
        }
        let subject = report.event.subject ?? "(no subject)"
        return renderer.page(
            "event", EventView(frame: frame("Event: \(subject)", "/console/events", request, context), report: report, rules: backend.rules))
    }

    /// Deliveries that need an operator: dead (every attempt used) or failed (the vendor refused them for
    /// good), per destination.
    @Sendable func listDeadLetters(_ request: Request, context: Context) async throws -> Response {
        var groups: [DeadLettersView.Source] = []
        for (destination, byStatus) in try await store.deliveryCounts(statuses: nil).sorted(by: { $0.key < $1.key }) {
            let count = (byStatus[.dead] ?? 0) + (byStatus[.failed] ?? 0)
            guard count > 0 else { continue }
            var pages: [EventPage] = []
            for (status, filter) in [(DeliveryStatus.dead, EventQuery.Status.dead), (.failed, .failed)] where (byStatus[status] ?? 0) > 0 {
                pages.append(
                    try await store.listEvents(EventQuery(status: filter, destination: destination, limit: DeadLettersView.shownPerDestination)))
            }
            groups.append(DeadLettersView.Source(destination: destination, count: count, pages: pages))
        }
        return renderer.page(
            "dead-letters",
            DeadLettersView(frame: frame("Dead letters", "/console/dead-letters", request, context, refreshes: true), sources: groups))
    }

    @Sendable func listDestinations(_ request: Request, context: Context) async throws -> Response {
        let view = DestinationsView(
            frame: frame("Destinations", "/console/destinations", request, context), destinations: try await backend.destinations())
        return renderer.page("destinations", view)
    }

    @Sendable func showRules(_ request: Request, context: Context) async throws -> Response {
        let view = RulesView(
            frame: frame("Rules", "/console/rules", request, context), rules: backend.rules, source: nil, contentType: "application/json",
            payload: "", output: nil, preview: RulesView.Preview(rules: "", output: nil))
        return renderer.page("rules", view)
    }

    // MARK: - Sign-in

    @Sendable func showSignIn(_ request: Request, context: Context) async throws -> Response {
        let next = Self.parameters(request)["next"].flatMap(ConsoleLinks.returnPath)
        if context.consoleSession != nil {
            return Self.redirect(next ?? "/console")
        }
        return renderer.page("login", SignInView(next: next ?? "/console", error: nil))
    }

    @Sendable func signIn(_ request: Request, context: Context) async throws -> Response {
        guard let sessions else { throw HTTPError(.notFound, message: "the console is off") }
        let client = context.clientAddress ?? "unknown"
        if backend.wrongTokenWait(address: client) != nil {
            return renderer.page(
                "login", SignInView(next: "/console", error: "Too many wrong tokens from this address; wait a minute before trying again."),
                status: .tooManyRequests)
        }
        let form = try await Self.read(ConsoleForms.SignIn.self, from: request, limit: ConsoleForms.signInLimit)
        let next = form.next.flatMap(ConsoleLinks.returnPath) ?? "/console"
        guard sessions.isAdminToken(form.token) else {
            backend.recordWrongToken(address: client)
            context.logger.notice("console sign-in failed", metadata: ["tg.client.ip": "\(client)"])
            return renderer.page("login", SignInView(next: next, error: "That is not the admin token."), status: .unauthorized)
        }
        let (_, cookie) = sessions.issue(now: backend.now())
        context.logger.notice("console sign-in", metadata: ["tg.client.ip": "\(client)"])
        var response = Self.redirect(next)
        response.setCookie(
            Self.sessionCookie(cookie, secure: context.clientScheme == "https", maxAge: Int(ConsoleSessions.lifetime.components.seconds)))
        return response
    }

    /// Ends the session on every instance, not only in this browser: a copy of its cookie is refused too.
    @Sendable func signOut(_ request: Request, context: Context) async throws -> Response {
        _ = try await actionForm(request, context)
        if let session = context.consoleSession {
            try await store.recordSignOut(nonce: session.nonce, expiresAt: session.expiresAt, now: backend.now())
        }
        var response = Self.redirect("/console/login")
        response.setCookie(Self.sessionCookie("", secure: context.clientScheme == "https", maxAge: 0))
        return response
    }

    // MARK: - Assets

    @Sendable func asset(_ request: Request, context: Context) async throws -> Response {
        guard let name = context.parameters.get("file"), let file = ConsoleAssets.files[name] else {
            return ConsoleRenderer.plain(.notFound, "No such file.")
        }
        return Response(
            status: .ok, headers: [.contentType: file.contentType],
            body: ResponseBody(byteBuffer: ByteBuffer(string: file.text)))
    }

    // MARK: - Helpers

    /// The page frame for a signed-in request: its title, section, the session's CSRF token, and the notice
    /// the last action left in the URL.
    func frame(_ title: String, _ section: String, _ request: Request, _ context: Context, refreshes: Bool = false) -> ConsoleFrame {
        let csrf = context.consoleSession.flatMap { session in sessions.map { $0.csrfToken(for: session) } } ?? ""
        let here = ConsoleLinks.returnPath(request.uri.description) ?? section
        return ConsoleFrame(
            title: title, section: section, csrf: csrf, here: here, notice: ConsoleNotice(Self.parameters(request))?.text, refreshes: refreshes)
    }

    func message(
        _ request: Request, _ context: Context, title: String, _ text: String, status: HTTPResponse.Status, back: String
    ) -> Response {
        renderer.page(
            "message", MessageView(frame: frame(title, back, request, context), kind: status.code < 400 ? "notice" : "error", text: text, back: back),
            status: status)
    }

    /// The query parameters, the last of each name.
    static func parameters(_ request: Request) -> [String: String] {
        Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { _, last in last })
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    /// The session cookie: sent back only to `/console`, never to scripts or other sites, only over https
    /// when the client came over https.
    static func sessionCookie(_ value: String, secure: Bool, maxAge: Int) -> Cookie {
        Cookie(
            name: ConsoleSessions.cookieName, value: value, maxAge: maxAge, path: "/console", secure: secure, httpOnly: true, sameSite: .strict)
    }
}
