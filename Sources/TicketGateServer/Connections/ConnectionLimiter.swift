import Foundation
import Logging
import NIOCore
import Synchronization

/// Holds the number of open connections to a maximum, and each client address's to its share of it: a
/// connection past either is closed as soon as it is accepted, before a byte of it is read, so the gateway never
/// runs out of file descriptors for its database, its vendors and its own answers, and no one address can take
/// the connections of the others. Trusted proxies, which carry every client behind them, have no share. Each
/// refusal is counted; the log says so at most once every `logInterval` for each limit, with how many there were.
final class ConnectionLimiter: Sendable {
    /// Which limit refused a connection.
    private enum Limit {
        case total
        case client
    }

    private struct State {
        var open = 0
        var openByClient: [String: Int] = [:]
        var refusedSinceLog: [Limit: Int] = [:]
        var lastLog: [Limit: ContinuousClock.Instant] = [:]
    }

    let maximum: Int
    /// The connections one client address may hold.
    let perClient: Int
    private let exempt: TrustedProxies
    private let state = Mutex(State())
    private let metrics: GatewayMetrics
    private let logger: Logger
    private let logInterval: Duration

    init(
        maximum: Int, perClient: Int? = nil, exempt: TrustedProxies = .none, metrics: GatewayMetrics, logger: Logger,
        logInterval: Duration = .seconds(10)
    ) {
        self.maximum = maximum
        self.perClient = perClient ?? maximum
        self.exempt = exempt
        self.metrics = metrics
        self.logger = logger
        self.logInterval = logInterval
    }

    /// The limits `limits` sets, with the trusted proxies exempt from the per-client share.
    convenience init(limits: HTTPLimits, exempt: TrustedProxies, metrics: GatewayMetrics, logger: Logger) {
        self.init(maximum: limits.maxConnections, perClient: limits.clientConnections, exempt: exempt, metrics: metrics, logger: logger)
    }

    /// The connections open now.
    var open: Int { state.withLock { $0.open } }

    /// Counts `channel` as open until it closes, or refuses it (false) when `maximum` are open already or its
    /// client address holds `perClient`.
    func admit(_ channel: any Channel) -> Bool {
        let now = ContinuousClock.now
        let address = channel.remoteAddress?.ipAddress
        // A connection without an address (a Unix socket) or from a trusted proxy counts toward the maximum only.
        let client = address.flatMap { exempt.trusts($0) ? nil : $0 }
        let (refused, refusalsToLog, openNow) = state.withLock { state -> (Limit?, Int?, Int) in
            let clientOpen = client.map { state.openByClient[$0, default: 0] } ?? 0
            let limit: Limit? = state.open >= maximum ? .total : clientOpen >= perClient ? .client : nil
            guard let limit else {
                state.open += 1
                if let client { state.openByClient[client] = clientOpen + 1 }
                return (nil, nil, state.open)
            }
            state.refusedSinceLog[limit, default: 0] += 1
            guard state.lastLog[limit].map({ now - $0 >= logInterval }) ?? true else { return (limit, nil, state.open) }
            state.lastLog[limit] = now
            defer { state.refusedSinceLog[limit] = 0 }
            return (limit, state.refusedSinceLog[limit], state.open)
        }
        metrics.connectionsOpen(openNow)
        switch refused {
        case nil:
            channel.closeFuture.whenComplete { [self] _ in closed(client: client) }
            return true
        case .total:
            metrics.connectionRefused()
            if let refusalsToLog {
                logger.warning(
                    "connection limit reached: new connections are closed",
                    metadata: ["tg.connections.max": "\(maximum)", "tg.connections.refused": "\(refusalsToLog)"])
            }
            return false
        case .client:
            metrics.clientConnectionRefused()
            if let refusalsToLog {
                logger.warning(
                    "a client address holds its share of the connections: its new connections are closed",
                    metadata: [
                        "tg.client.peer": "\(address ?? "unknown")", "tg.connections.client_max": "\(perClient)",
                        "tg.connections.refused": "\(refusalsToLog)",
                    ])
            }
            return false
        }
    }

    private func closed(client: String?) {
        let openNow = state.withLock { state in
            state.open -= 1
            if let client {
                let left = state.openByClient[client, default: 0] - 1
                state.openByClient[client] = left > 0 ? left : nil
            }
            return state.open
        }
        metrics.connectionsOpen(openNow)
    }
}
