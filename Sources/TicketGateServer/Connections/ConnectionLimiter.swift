import Foundation
import Logging
import NIOCore
import Synchronization

/// Holds the number of open connections to a maximum: a connection past it is closed as soon as it is accepted,
/// so the gateway never runs out of file descriptors for its database, its vendors and its own answers. Each
/// refusal is counted; the log says so at most once every `logInterval`, with how many there were.
final class ConnectionLimiter: Sendable {
    private struct State {
        var open = 0
        var refusedSinceLog = 0
        var lastLog: ContinuousClock.Instant?
    }

    let maximum: Int
    private let state = Mutex(State())
    private let metrics: GatewayMetrics
    private let logger: Logger
    private let logInterval: Duration

    init(maximum: Int, metrics: GatewayMetrics, logger: Logger, logInterval: Duration = .seconds(10)) {
        self.maximum = maximum
        self.metrics = metrics
        self.logger = logger
        self.logInterval = logInterval
    }

    /// The connections open now.
    var open: Int { state.withLock { $0.open } }

    /// Counts `channel` as open until it closes, or refuses it (false) when `maximum` are open already.
    func admit(_ channel: any Channel) -> Bool {
        let now = ContinuousClock.now
        let (admitted, refusalsToLog, openNow) = state.withLock { state -> (Bool, Int?, Int) in
            guard state.open >= maximum else {
                state.open += 1
                return (true, nil, state.open)
            }
            state.refusedSinceLog += 1
            guard state.lastLog.map({ now - $0 >= logInterval }) ?? true else { return (false, nil, state.open) }
            state.lastLog = now
            defer { state.refusedSinceLog = 0 }
            return (false, state.refusedSinceLog, state.open)
        }
        metrics.connectionsOpen(openNow)
        guard admitted else {
            metrics.connectionRefused()
            if let refusalsToLog {
                logger.warning(
                    "connection limit reached: new connections are closed",
                    metadata: ["tg.connections.max": "\(maximum)", "tg.connections.refused": "\(refusalsToLog)"])
            }
            return false
        }
        channel.closeFuture.whenComplete { [self] _ in
            metrics.connectionsOpen(
                state.withLock { state in
                    state.open -= 1
                    return state.open
                })
        }
        return true
    }
}
