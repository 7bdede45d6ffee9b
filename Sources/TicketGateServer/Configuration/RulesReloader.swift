import Logging
import ServiceLifecycle
import TicketGateRules
import TicketGateVendors
import UnixSignals

/// Reloads the rules on SIGHUP and when the files change. New rules are compiled first: when they have an
/// error the old rules stay in force and the problems are logged.
struct RulesReloader: Service, CustomStringConvertible {
    let state: RulesState
    let directory: String
    let environment: [String: String]
    let http: VendorHTTP
    let pollInterval: Duration
    let logger: Logger
    let metrics: GatewayMetrics
    /// Runs after new rules are in force.
    let onReload: @Sendable () async -> Void

    var description: String { "RulesReloader" }

    func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        await withDiscardingTaskGroup { group in
            group.addTask {
                for await _ in signals {
                    await reload(because: "SIGHUP", operator: true)
                }
            }
            group.addTask {
                guard pollInterval > .zero else { return }
                while !Task.isCancelled {
                    try? await Task.sleep(for: pollInterval)
                    if let files = try? RulesFile.files(in: directory), GatewayRules.version(of: files) != state.current.version {
                        await reload(because: "file change")
                    }
                }
            }
            try? await gracefulShutdown()
            group.cancelAll()
        }
    }

    /// Compiles the directory and swaps it in when it loads and differs; returns true when the new rules are in
    /// force. A reload the operator asked for (`operator`) runs `onReload` even when nothing changed.
    @discardableResult
    func reload(because reason: String, operator asked: Bool = false) async -> Bool {
        let rules: GatewayRules
        do {
            rules = try GatewayRules.load(directory: directory, environment: environment, http: http)
        } catch {
            metrics.rulesReloaded(result: "refused")
            logger.error(
                "rules reload refused; the rules in force stay",
                metadata: ["tg.reason": "\(reason)", "tg.rules.version": "\(state.current.version)", "tg.problems": "\(error)"]
            )
            return false
        }
        guard rules.version != state.current.version else {
            metrics.rulesReloaded(result: "unchanged")
            if asked { await onReload() }
            return true
        }
        state.replace(with: rules)
        metrics.rulesReloaded(result: "applied")
        logger.notice(
            "rules reloaded",
            metadata: ["tg.reason": "\(reason)", "tg.rules.version": "\(rules.version)", "tg.rules": "\(rules.ruleSet.ruleNames.count)"]
        )
        await onReload()
        return true
    }
}
