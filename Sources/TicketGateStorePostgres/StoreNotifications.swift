import Foundation
import Logging
import PostgresNIO
import Synchronization

/// What the instances sharing the database tell each other through `NOTIFY`, received on one pooled
/// connection while `listen(on:)` runs: deliveries that became due (`outboxChannel`, passed on to every
/// `outboxSignals()` stream) and holds on a destination's requests (`scheduleChannel`, whose payload is the
/// destination, forgetting its `ScheduleReadings`).
final class StoreNotifications: Sendable {
    /// Notified after a commit that makes deliveries due, with the sender's `senderTag`.
    static let outboxChannel = "ticketgate_outbox"
    /// The shortest time between two notifications of the outbox channel from one instance.
    static let noticeSpacing: Duration = .milliseconds(50)
    /// Notified with a destination's name after a hold on its requests.
    static let scheduleChannel = "ticketgate_schedule"

    let schedules: ScheduleReadings
    /// Names this instance's notifications of the outbox channel.
    let senderTag = UUID().uuidString

    private struct Subscribers {
        var next = 0
        var streams: [Int: AsyncStream<Void>.Continuation] = [:]
        /// Whether the outbox channel is listened on now.
        var listening = false
    }

    private let subscribers = Mutex(Subscribers())
    /// Asked notifications of the outbox channel, those asked while one is sent making one more.
    private let notices: AsyncStream<Void>
    private let asking: AsyncStream<Void>.Continuation

    init(scheduleFreshness: Duration) {
        schedules = ScheduleReadings(freshness: scheduleFreshness)
        (notices, asking) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// Wakes this instance's outbox streams and asks for a notification of the outbox channel for the other
    /// instances (`sendNotices`), after a commit that made deliveries due.
    func deliveriesBecameDue() {
        signalOutbox()
        asking.yield()
    }

    /// Sends the asked notifications until the task is cancelled, at most one per `noticeSpacing` (those asked
    /// meanwhile make one more), each in a statement of its own that commits without waiting for its write-ahead
    /// log to reach the disk: a `NOTIFY` holds a lock of the whole database from the start of its commit to its
    /// end, so notifying in the statements that store events made their commits (and their disk flushes) wait
    /// for each other, across every instance. One that fails is not sent again: the workers also look for due
    /// deliveries on their own, every `DeliveryConfiguration.pollInterval`.
    func sendNotices(on connections: PostgresConnections, logger: Logger) async {
        for await _ in notices {
            try? await connections.withConnection { connection in
                try await connection.execute(
                    "SELECT set_config('synchronous_commit', 'off', true), pg_notify(\(Self.outboxChannel), \(senderTag))",
                    logger: logger)
            }
            try? await Task.sleep(for: Self.noticeSpacing)
        }
    }

    /// A stream that yields once when the outbox channel is listened on (at once, if it is already; deliveries
    /// may have been stored before), once per notification of the outbox channel, and once each time listening
    /// starts again after a loss; it ends at `finish()`.
    func outboxSignals() -> AsyncStream<Void> {
        let (signals, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let (key, listening) = subscribers.withLock { subscribers in
            defer { subscribers.next += 1 }
            subscribers.streams[subscribers.next] = continuation
            return (subscribers.next, subscribers.listening)
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.subscribers.withLock { $0.streams.removeValue(forKey: key) }
        }
        if listening { continuation.yield() }
        return signals
    }

    /// Ends every outbox stream.
    func finish() {
        let streams = subscribers.withLock { subscribers in
            defer { subscribers.streams = [:] }
            return subscribers.streams.values
        }
        for stream in streams { stream.finish() }
    }

    /// Listens on both channels until the task is cancelled or the connections close; when the connection
    /// drops, listens again on another after a second (the log says so once per loss). Each start signals the
    /// outbox streams and forgets the schedule readings, as what was notified meanwhile was missed.
    func listen(on connections: PostgresConnections, logger: Logger) async {
        var lost = false
        while !Task.isCancelled, !connections.isClosed {
            do {
                try await connections.withConnection { connection in
                    try await connection.listen(on: Self.scheduleChannel) { holds in
                        self.schedules.forgetAll()
                        try await connection.listen(on: Self.outboxChannel) { deliveries in
                            lost = false
                            self.signalOutbox(listening: true)
                            defer { self.subscribers.withLock { $0.listening = false } }
                            try await withThrowingTaskGroup(of: Void.self) { group in
                                group.addTask {
                                    for try await hold in holds { self.schedules.forget(hold.payload) }
                                }
                                for try await delivery in deliveries where delivery.payload != self.senderTag { self.signalOutbox() }
                                group.cancelAll()
                            }
                        }
                    }
                }
            } catch {
                guard !Task.isCancelled, !connections.isClosed else { break }
                if !lost {
                    logger.warning("lost the database's notifications; listening again", metadata: ["tg.error": "\(DatabaseFailure.describe(error))"])
                }
                lost = true
            }
            try? await Task.sleep(for: .seconds(1))
        }
    }

    /// Wakes every outbox stream; `listening` says the channel is listened on from now.
    private func signalOutbox(listening: Bool = false) {
        let streams = subscribers.withLock { subscribers in
            if listening { subscribers.listening = true }
            return Array(subscribers.streams.values)
        }
        for stream in streams { stream.yield() }
    }
}
