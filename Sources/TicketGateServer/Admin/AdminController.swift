import Foundation
import Hummingbird
import TicketGateCore
import TicketGateStore

/// The admin API under `/admin`, for operators and `ticketgate events|destinations`: find events, read one,
/// replay it, put dead deliveries back in the outbox, pause or resume a destination, and list the instances
/// sharing the store. Every instance answers the same: what it shows is read from the store and coordination.
struct AdminController: Sendable {
    let store: any OperatorStore
    let rules: RulesState
    let actions: OperatorActions
    let overview: OperatorOverview

    func addRoutes(to router: Router<GatewayRequestContext>, token: Secret?, failures: ClientRateLimiter) {
        let admin = router.group("admin").add(middleware: AdminAuthMiddleware(token: token, failures: failures))
        admin.get("events", use: listEvents)
        admin.get("events/{id}", use: showEvent)
        admin.post("events/{id}/replay", use: replayEvent)
        admin.post("deliveries/{id}/retry", use: retryDelivery)
        admin.get("destinations", use: listDestinations)
        admin.post("destinations/{name}/retry", use: retryDestination)
        admin.post("destinations/{name}/pause", use: pauseDestination)
        admin.post("destinations/{name}/resume", use: resumeDestination)
        admin.get("instances", use: listInstances)
    }

    // MARK: - Events

    @Sendable func listEvents(_ request: Request, context: GatewayRequestContext) async throws -> EventPage {
        let query = try AdminQuery(request.uri.queryParameters).eventQuery()
        do {
            return try await store.listEvents(query)
        } catch let error as EventListQueryError {
            throw Problem(.badRequest, "bad-cursor", title: "Bad cursor", detail: error.description)
        }
    }

    @Sendable func showEvent(_ request: Request, context: GatewayRequestContext) async throws -> EventReport {
        let id = try Self.eventID(context)
        guard let report = try await store.report(for: id) else { throw Self.noEvent(id) }
        return report
    }

    @Sendable func replayEvent(_ request: Request, context: GatewayRequestContext) async throws -> EditedResponse<ReplayResult> {
        let id = try Self.eventID(context)
        let force = try AdminQuery(request.uri.queryParameters).flag("force")
        guard let result = try await actions.replay(id, force: force, via: .adminAPI, logger: context.logger) else { throw Self.noEvent(id) }
        return EditedResponse(status: result.skipped == nil ? .ok : .conflict, response: result)
    }

    // MARK: - Deliveries

    @Sendable func retryDelivery(_ request: Request, context: GatewayRequestContext) async throws -> RequeuedDeliveries {
        guard let id = context.parameters.get("id").flatMap(Int64.init) else {
            throw Problem(.notFound, "unknown-delivery", title: "Unknown delivery", detail: "delivery ids are numbers")
        }
        let requeued = try await requeue(.delivery(id), statuses: [.dead, .failed], context: context)
        guard !requeued.deliveries.isEmpty else {
            throw Problem(.conflict, "not-retryable", title: "Not retryable", detail: "delivery #\(id) does not exist or is not failed or dead")
        }
        return requeued
    }

    @Sendable func retryDestination(_ request: Request, context: GatewayRequestContext) async throws -> RequeuedDeliveries {
        let name = try destination(context)
        let statuses: Set<DeliveryStatus> = try AdminQuery(request.uri.queryParameters).flag("failed") ? [.dead, .failed] : [.dead]
        return try await requeue(.destination(name), statuses: statuses, context: context)
    }

    private func requeue(_ selection: DeliverySelection, statuses: Set<DeliveryStatus>, context: GatewayRequestContext) async throws
        -> RequeuedDeliveries
    {
        RequeuedDeliveries(deliveries: try await actions.requeue(selection, statuses: statuses, via: .adminAPI, logger: context.logger))
    }

    // MARK: - Destinations

    @Sendable func listDestinations(_ request: Request, context: GatewayRequestContext) async throws -> DestinationList {
        DestinationList(destinations: try await overview.destinations())
    }

    @Sendable func pauseDestination(_ request: Request, context: GatewayRequestContext) async throws -> DestinationList {
        await actions.pause(try destination(context), via: .adminAPI)
        return try await listDestinations(request, context: context)
    }

    @Sendable func resumeDestination(_ request: Request, context: GatewayRequestContext) async throws -> DestinationList {
        await actions.resume(try destination(context), via: .adminAPI)
        return try await listDestinations(request, context: context)
    }

    // MARK: - Instances

    @Sendable func listInstances(_ request: Request, context: GatewayRequestContext) async throws -> InstanceList {
        InstanceList(instances: try await overview.instances())
    }

    // MARK: - Helpers

    private func destination(_ context: GatewayRequestContext) throws -> String {
        let name = context.parameters.get("name") ?? ""
        guard rules.current.ruleSet.destinations[name] != nil else {
            throw Problem(.notFound, "unknown-destination", title: "Unknown destination", detail: "the rules define no destination '\(name)'")
        }
        return name
    }

    /// The event id in the path; one with a control character names no event (ids are UUIDs).
    private static func eventID(_ context: GatewayRequestContext) throws -> EventID {
        let id = EventID(rawValue: context.parameters.get("id") ?? "")
        guard !ControlCharacters.contains(id.rawValue) else { throw noEvent(EventID(rawValue: ControlCharacters.escaped(id.rawValue))) }
        return id
    }

    private static func noEvent(_ id: EventID) -> Problem {
        Problem(.notFound, "unknown-event", title: "Unknown event", detail: "no event \(id) is stored")
    }
}
