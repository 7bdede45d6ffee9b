import Synchronization

/// The request body bytes the gateway holds in memory at once: every request's together, and one client
/// address's. A request reserves its body's bytes as they arrive, never from the length it declares, and
/// releases them once it is answered, so no number of uploads, authenticated or not, can hold more than the
/// budget, and a promise of bytes that never come holds nothing.
final class BodyBudget: Sendable {
    /// Which budget a reservation would overrun.
    enum Overrun: Error, Sendable {
        /// Every request's bodies together.
        case server
        /// One client address's bodies.
        case client
    }

    private struct State {
        var held = 0
        var heldByClient: [String: Int] = [:]
    }

    let total: Int
    let perClient: Int
    private let state = Mutex(State())
    private let metrics: GatewayMetrics?

    /// `metrics`, when given, is told the bytes held after each change.
    init(total: Int, perClient: Int, metrics: GatewayMetrics? = nil) {
        self.total = total
        self.perClient = perClient
        self.metrics = metrics
    }

    /// The bytes held now, by every request.
    var held: Int { state.withLock { $0.held } }

    /// Reserves `bytes` more for `client`, or throws which budget it would overrun and reserves nothing.
    func reserve(_ bytes: Int, for client: String) throws(Overrun) {
        let result: Result<Void, Overrun> = state.withLock { state in
            let clientHeld = state.heldByClient[client, default: 0]
            guard bytes <= perClient - clientHeld else { return .failure(.client) }
            guard bytes <= total - state.held else { return .failure(.server) }
            state.held += bytes
            state.heldByClient[client] = clientHeld + bytes
            metrics?.bodyBytesHeld(state.held)
            return .success(())
        }
        try result.get()
    }

    /// Gives back `bytes` that `client` reserved.
    func release(_ bytes: Int, for client: String) {
        guard bytes > 0 else { return }
        state.withLock { state in
            state.held -= bytes
            let left = state.heldByClient[client, default: 0] - bytes
            state.heldByClient[client] = left > 0 ? left : nil
            metrics?.bodyBytesHeld(state.held)
        }
    }
}
