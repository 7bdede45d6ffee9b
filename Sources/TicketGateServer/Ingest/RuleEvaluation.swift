import Foundation
import NIOPosix
import TicketGateCore
import TicketGateRules

/// Where the rules decide events: on threads of their own, one fewer than the cores (and at least one), never on
/// the threads that answer requests. A rule set with costly patterns (each event's `matches` together are held
/// to a budget of CPU time) then slows only the events waiting for a decision: `/healthz`, `/readyz` and every
/// other request are answered meanwhile. Events wait for a thread in turn.
struct RuleEvaluation: Sendable {
    /// How an event is decided; the rule set's own `decide` but in tests that hold it.
    private let evaluate: @Sendable (RuleSet, InboundEvent) -> Decision

    init(evaluate: @escaping @Sendable (RuleSet, InboundEvent) -> Decision = { ruleSet, event in ruleSet.decide(event) }) {
        self.evaluate = evaluate
    }

    /// The threads every gateway of the process decides on; started once, never stopped.
    private static let threads: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: max(1, ProcessInfo.processInfo.activeProcessorCount - 1))
        pool.start()
        return pool
    }()

    /// `event` decided by `ruleSet`, on a rules thread.
    func decide(_ event: InboundEvent, by ruleSet: RuleSet) async -> Decision {
        let evaluate = evaluate
        do {
            return try await Self.threads.runIfActive { evaluate(ruleSet, event) }
        } catch {
            // The pool is never shut down; were it, deciding here is the fallback.
            return evaluate(ruleSet, event)
        }
    }
}
