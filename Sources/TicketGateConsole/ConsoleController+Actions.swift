import Foundation
import Hummingbird
import TicketGateCore

extension ConsoleController {
    @Sendable func replayEvent(_ request: Request, context: Context) async throws -> Response {
        let form = try await actionForm(request, context)
        let id = EventID(rawValue: context.parameters.get("id") ?? "")
        let force = form.force == "true"
        guard !ControlCharacters.contains(id.rawValue),
            let result = try await backend.replay(id, force: force, logger: context.logger)
        else {
            return message(request, context, title: "No such event", "No event with this id is stored.", status: .notFound, back: "/console/events")
        }
        let notice = result.skipped == nil ? ConsoleNotice(.replayed, count: result.deliveries.count) : ConsoleNotice(.replaySkipped)
        return Self.back(form, default: ConsoleLinks.event(id), notice)
    }

    @Sendable func retryDelivery(_ request: Request, context: Context) async throws -> Response {
        let form = try await actionForm(request, context)
        guard let id = context.parameters.get("id").flatMap({ Int64($0) }) else {
            return message(request, context, title: "No such delivery", "Delivery ids are numbers.", status: .notFound, back: "/console/dead-letters")
        }
        let requeued = try await backend.requeue(.delivery(id), statuses: [.dead, .failed], logger: context.logger)
        return Self.back(form, default: "/console/dead-letters", ConsoleNotice(requeued: requeued.count))
    }

    /// Without `confirmed`, a page that says how many failed and dead deliveries would go back and asks;
    /// with it, puts them back.
    @Sendable func retryDestination(_ request: Request, context: Context) async throws -> Response {
        let form = try await actionForm(request, context)
        guard let name = destination(context) else { return unknownDestination(request, context) }
        guard form.confirmed != nil else {
            let counts = try await store.deliveryCounts(statuses: nil)[name] ?? [:]
            let waiting = (counts[.dead] ?? 0) + (counts[.failed] ?? 0)
            let view = ConfirmView(
                frame: frame("Retry the failed and dead deliveries of \(name)?", "/console/dead-letters", request, context),
                question: "\(waiting) failed or dead \(waiting == 1 ? "delivery" : "deliveries") to \(name) will go back in the outbox, "
                    + "attempts starting again.",
                action: ConsoleLinks.destination(name, "retry"), count: waiting, button: "Retry \(waiting)", back: "/console/dead-letters")
            return renderer.page("confirm", view.withHere("/console/dead-letters"))
        }
        let requeued = try await backend.requeue(.destination(name), statuses: [.dead, .failed], logger: context.logger)
        return Self.back(form, default: "/console/dead-letters", ConsoleNotice(requeued: requeued.count))
    }

    @Sendable func pauseDestination(_ request: Request, context: Context) async throws -> Response {
        let form = try await actionForm(request, context)
        guard let name = destination(context) else { return unknownDestination(request, context) }
        await backend.pause(name)
        return Self.back(form, default: "/console/destinations", ConsoleNotice(.paused))
    }

    @Sendable func resumeDestination(_ request: Request, context: Context) async throws -> Response {
        let form = try await actionForm(request, context)
        guard let name = destination(context) else { return unknownDestination(request, context) }
        await backend.resume(name)
        return Self.back(form, default: "/console/destinations", ConsoleNotice(.resumed))
    }

    /// The playground: the pasted payload through the chosen source's normalization and the rules in force,
    /// without its signature check; the explanation on the rules page. Nothing is stored or sent.
    @Sendable func runPlayground(_ request: Request, context: Context) async throws -> Response {
        let form = try await Self.read(ConsoleForms.Playground.self, from: request, limit: ConsoleForms.playgroundLimit)
        try checkCSRF(form.csrf, context)
        let current = backend.rules
        let contentType = form.contentType.flatMap { $0.isEmpty ? nil : $0 } ?? "application/json"
        let output: String
        if current.sources[form.source] == nil {
            output = "refused: the rules define no source with that name"
        } else if ControlCharacters.contains(contentType) || contentType.count > 200 {
            output = "refused: the content type must be one line of at most 200 characters"
        } else {
            do {
                output = try current.explain(Data(form.payload.utf8), source: form.source, contentType: contentType)
            } catch {
                output = "refused: \(error)"
            }
        }
        let view = RulesView(
            frame: frame("Rules", "/console/rules", request, context), rules: current, source: form.source, contentType: contentType,
            payload: form.payload, output: output, preview: RulesView.Preview(rules: "", output: nil))
        return renderer.page("rules", view)
    }

    /// The rules preview: pasted rules checked, then the newest stored events decided again under them; the
    /// events whose decision would change, on the rules page. Nothing is stored or sent.
    @Sendable func runPreview(_ request: Request, context: Context) async throws -> Response {
        let form = try await Self.read(ConsoleForms.Preview.self, from: request, limit: ConsoleForms.playgroundLimit)
        try checkCSRF(form.csrf, context)
        let output = try await backend.preview(rules: form.rules, limit: RulesView.Preview.eventLimit)
        let view = RulesView(
            frame: frame("Rules", "/console/rules", request, context), rules: backend.rules, source: nil, contentType: "application/json",
            payload: "", output: nil, preview: RulesView.Preview(rules: form.rules, output: output))
        return renderer.page("rules", view)
    }

    // MARK: - Helpers

    /// The action form of a signed-in request; throws the refusal when it is unreadable or does not carry
    /// the session's CSRF token.
    func actionForm(_ request: Request, _ context: Context) async throws(ConsoleRefusal) -> ConsoleForms.Action {
        let form = try await Self.read(ConsoleForms.Action.self, from: request, limit: ConsoleForms.actionLimit)
        try checkCSRF(form.csrf, context)
        return form
    }

    static func read<Form: Decodable>(_ type: Form.Type, from request: Request, limit: Int) async throws(ConsoleRefusal) -> Form {
        do {
            return try await ConsoleForms.read(type, from: request, limit: limit)
        } catch {
            throw ConsoleRefusal(response: ConsoleRenderer.plain(error.status, "Refused: \(error.reason)."))
        }
    }

    /// Throws a `403` unless `presented` is the CSRF token of the request's session.
    func checkCSRF(_ presented: String?, _ context: Context) throws(ConsoleRefusal) {
        guard let presented, let session = context.consoleSession, let sessions, sessions.isCSRFToken(presented, of: session) else {
            context.logger.notice("console: form without the session's CSRF token refused")
            throw ConsoleRefusal(
                response: ConsoleRenderer.plain(
                    .forbidden, "Refused: the form did not come from this console session. Reload the page and try again."))
        }
    }

    private func destination(_ context: Context) -> String? {
        let name = context.parameters.get("name") ?? ""
        return backend.rules.destinationNames.contains(name) ? name : nil
    }

    private func unknownDestination(_ request: Request, _ context: Context) -> Response {
        message(
            request, context, title: "No such destination", "The rules in force define no destination with this name.", status: .notFound,
            back: "/console/destinations")
    }

    /// A `303` to the page the form came from (or `fallback`), with the notice of what was done.
    static func back(_ form: ConsoleForms.Action, default fallback: String, _ notice: ConsoleNotice) -> Response {
        let page = form.back.flatMap(ConsoleLinks.returnPath) ?? fallback
        let withoutNotice = Self.removingNotice(page)
        return redirect(withoutNotice + (withoutNotice.contains("?") ? "&" : "?") + notice.query)
    }

    /// `path` without the `done` and `n` parameters an earlier notice left.
    private static func removingNotice(_ path: String) -> String {
        guard var components = URLComponents(string: path) else { return path }
        let kept = (components.percentEncodedQueryItems ?? []).filter { $0.name != "done" && $0.name != "n" }
        components.percentEncodedQueryItems = kept.isEmpty ? nil : kept
        return components.string ?? path
    }
}
