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
    let control: DeliveryControl
    let replayer: EventReplayer
    /// This instance's id in the coordination.
    let instanceID: UUID

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
        guard let result = try await replayer.replay(id, force: force) else { throw Self.noEvent(id) }
        context.logger.notice("event replayed", metadata: ["tg.event.id": "\(id)", "tg.replay.forced": "\(force)"])
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
        let now = control.now()
        let record = AuditRecord(stage: .requeued, at: now, summary: "put back in the outbox by an operator; attempts start again")
        let deliveries = try await store.requeueDeliveries(selection, statuses: statuses, now: now, audit: record)
        if !deliveries.isEmpty {
            context.logger.notice("deliveries requeued", metadata: ["tg.deliveries": "\(deliveries.count)"])
            control.wakeup.signal()
        }
        return RequeuedDeliveries(deliveries: deliveries)
    }

    // MARK: - Destinations

    @Sendable func listDestinations(_ request: Request, context: GatewayRequestContext) async throws -> DestinationList {
        let counts = try await store.deliveryCounts()
        await control.pauses.refresh()
        let pauses = control.pauses.paused
        let states = rules.current.ruleSet.destinations.values.sorted { $0.name < $1.name }.map { destination in
            DestinationStatus(
                name: destination.name, vendor: destination.vendor.name, dryRun: destination.isDryRun,
                rateLimit: destination.effectiveRateLimit?.description,
                paused: pauses[destination.name].map { .init(reason: $0.reason.rawValue, since: $0.since, nextProbeAt: $0.probeAt) },
                deliveries: Dictionary(uniqueKeysWithValues: (counts[destination.name] ?? [:]).map { ($0.key.rawValue, $0.value) })
            )
        }
        return DestinationList(destinations: states)
    }

    @Sendable func pauseDestination(_ request: Request, context: GatewayRequestContext) async throws -> DestinationList {
        await control.pauseByOperator(try destination(context))
        return try await listDestinations(request, context: context)
    }

    @Sendable func resumeDestination(_ request: Request, context: GatewayRequestContext) async throws -> DestinationList {
        let name = try destination(context)
        if await control.pauses.resume(name) {
            await control.resumed([name], because: "an operator resumed it")
        }
        return try await listDestinations(request, context: context)
    }

    // MARK: - Instances

    @Sendable func listInstances(_ request: Request, context: GatewayRequestContext) async throws -> InstanceList {
        let now = control.now()
        return InstanceList(
            instances: try await control.coordination.instances().map { instance in
                InstanceStatus(
                    id: instance.id, name: instance.name, startedAt: instance.startedAt, heartbeatAt: instance.heartbeatAt,
                    alive: InstanceHeartbeat.isAlive(heartbeatAt: instance.heartbeatAt, now: now), runningAttempts: instance.runningAttempts,
                    answering: instance.id == instanceID)
            })
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
