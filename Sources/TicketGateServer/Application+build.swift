import Foundation
import Hummingbird
import Logging
import TicketGateConsole
import TicketGateCore
import TicketGateStore
import TicketGateVendors

/// Opens the store named by the configuration to serve from, with the coordination of the instances sharing it.
/// Throws `StartupError` naming the cause when the URL is not usable or the store cannot be opened.
package func openStore(for configuration: GatewayConfiguration, logger: Logger) async throws(StartupError) -> (
    store: any OperatorStore, coordination: any InstanceCoordination
) {
    let location: DatabaseLocation
    do {
        location = try DatabaseLocation(url: configuration.databaseURL)
    } catch {
        throw StartupError("the database URL \(RedactedURL(configuration.databaseURL)) is not usable: \(error)")
    }
    return try await location.openForServing(waiting: configuration.databaseWait, logger: logger)
}

/// Builds the gateway on a store that is open and running (`OperatorStore.whileRunning(_:)`), with the
/// coordination of the instances sharing it: loads the rules, and wires the HTTP routes (the console's among them)
/// and the delivery worker. Throws `StartupError` listing every problem when the rules do not load. `now` is the
/// delivery worker's clock.
package func buildApplication(
    _ configuration: GatewayConfiguration, store: any OperatorStore, coordination: any InstanceCoordination = LocalCoordination(),
    logger: Logger, runtime: GatewayRuntime = GatewayRuntime(), now: @escaping @Sendable () -> Date = { Date() }
) async throws -> some ApplicationProtocol {
    if let token = configuration.adminToken,
        token.value.count < GatewayConfiguration.minimumAdminTokenLength || token.value.allSatisfy(\.isWhitespace)
    {
        throw StartupError("the admin token must be at least \(GatewayConfiguration.minimumAdminTokenLength) characters, not all white space")
    }
    let metrics = runtime.metrics
    let http = VendorHTTP(timeout: configuration.delivery.vendorTimeout, logger: logger, coordination: coordination)
    let rules: GatewayRules
    do {
        rules = try GatewayRules.load(directory: configuration.rulesDirectory, environment: configuration.environment, http: http)
        let released = try await store.releaseInterruptedAttempts()
        if released > 0 {
            logger.notice("deliveries interrupted by the last stop will be attempted again", metadata: ["tg.deliveries": "\(released)"])
        }
    } catch {
        try? await http.shutdown()
        throw StartupError(String(describing: error))
    }
    logLoaded(rules, logger: logger)

    let rulesState = RulesState(rules)
    let wakeup = DeliveryWakeup()
    let control = DeliveryControl(
        store: store, coordination: coordination,
        pauses: DestinationPauses(probeInterval: configuration.delivery.probeInterval, coordination: coordination, logger: logger),
        wakeup: wakeup, attempts: AttemptSlots(capacity: configuration.delivery.concurrency), logger: logger, now: now)
    await control.pauses.refresh()
    let worker = DeliveryWorker(control: control, rules: rulesState, configuration: configuration.delivery, metrics: metrics)
    let reloader = RulesReloader(
        state: rulesState, directory: configuration.rulesDirectory, environment: configuration.environment, http: http,
        pollInterval: configuration.rulesPollInterval, logger: logger, metrics: metrics,
        // A reload is the operator's word that credentials were fixed: destinations paused for them resume.
        onReload: { await control.resumed(await control.pauses.resumeCredentialPauses(), because: "rules reloaded") }
    )
    let router = Router(context: GatewayRequestContext.self)
    router.add(middleware: HTTPMetricsMiddleware())
    router.add(middleware: ProblemMiddleware())
    router.add(middleware: ClientOriginMiddleware(trusted: configuration.trustedProxies))
    HookController(
        rules: rulesState,
        ingestor: EventIngestor(
            store: store, wakeup: wakeup, metrics: metrics, unverifiedParsing: runtime.unverifiedParsing, ruleEvaluation: runtime.ruleEvaluation),
        limiter: ClientRateLimiter(),
        budget: BodyBudget(total: configuration.http.bodyBudget, perClient: configuration.http.clientBodyBudget, metrics: metrics)
    ).addRoutes(to: router)
    HealthController(store: store, runtime: runtime).addRoutes(to: router)
    MetricsController(metrics: metrics, store: store, rules: rulesState, pauses: control.pauses, now: now).addRoutes(to: router)
    let heartbeat = InstanceHeartbeat(control: control)
    await heartbeat.register()
    let actions = OperatorActions(
        store: store, control: control, replayer: EventReplayer(store: store, rules: rulesState, wakeup: wakeup, now: now))
    let overview = OperatorOverview(store: store, rules: rulesState, control: control, instanceID: heartbeat.instance.id)
    AdminController(store: store, rules: rulesState, actions: actions, overview: overview)
        .addRoutes(to: router, token: configuration.adminToken, failures: runtime.adminFailures)
    let console = ConsoleServices(
        store: store, rulesState: rulesState, actions: actions, overview: overview, failures: runtime.adminFailures,
        environment: configuration.environment, clock: now)
    try OperatorConsole<GatewayRequestContext>(backend: console, adminToken: configuration.adminToken).addRoutes(to: router)

    let connections = ConnectionLimiter(limits: configuration.http, exempt: configuration.trustedProxies, metrics: metrics, logger: logger)
    return Application(
        router: router,
        server: .gateway(limits: configuration.http, connections: connections, metrics: metrics, logger: logger),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "ticketgate"),
        services: [
            VendorHTTPService(http: http), worker, reloader,
            RetentionPruner(store: store, policy: configuration.retention, logger: logger, now: now), heartbeat,
        ],
        onServerRunning: { channel in
            let port = channel.localAddress?.port ?? configuration.port
            runtime.startedListening()
            logger.info("listening on http://\(configuration.host):\(port)")
        },
        logger: logger
    )
}

private func logLoaded(_ rules: GatewayRules, logger: Logger) {
    logger.info(
        "rules loaded",
        metadata: [
            "tg.sources": "\(rules.ruleSet.sources.keys.sorted().joined(separator: ","))",
            "tg.rules": "\(rules.ruleSet.ruleNames.count)",
            "tg.rules.version": "\(rules.version)",
        ]
    )
    for warning in rules.warnings {
        logger.warning("the rules: \(warning)")
    }
    for destination in rules.ruleSet.destinations.values.sorted(by: { $0.name < $1.name }) where destination.isDryRun {
        logger.notice("destination has no credentials: dry run, requests go to the audit", metadata: ["tg.destination": "\(destination.name)"])
    }
}
