import TicketGateCore

/// The deliveries that need an operator, per destination: dead (every attempt used) or failed (refused for
/// good by the vendor), each with when its last attempt ended and why it failed; retry one, or every one of a
/// destination after a confirmation.
struct DeadLettersView: Sendable {
    struct Row: Sendable {
        var id: Int64
        var eventHref: String
        var received: ConsoleTime
        var subject: String
        var status: String
        var attempts: Int
        var lastAttempt: ConsoleTime?
        var reason: String
        var retryAction: String
    }

    struct Group: Sendable {
        var destination: String
        var count: Int
        var retryAllAction: String
        var rows: [Row]
        var more: String?
    }

    /// What the store holds for one destination: how many deliveries need an operator, and pages of the
    /// newest events with one.
    struct Source: Sendable {
        var destination: String
        var count: Int
        var pages: [EventPage]
    }

    /// The deliveries listed per destination and status; the rest are a link away.
    static let shownPerDestination = 25

    var frame: ConsoleFrame
    var groups: [Group]

    init(frame: ConsoleFrame, sources: [Source]) {
        self.frame = frame
        groups = sources.map { source in
            let events = source.pages.flatMap(\.events).sorted { $0.receivedAt > $1.receivedAt }
            var seen: Set<Int64> = []
            let rows = events.flatMap { event in
                event.deliveries.filter { $0.destination == source.destination && ($0.status == .dead || $0.status == .failed) }
                    .filter { seen.insert($0.id).inserted }
                    .map { delivery in
                        Row(
                            id: delivery.id, eventHref: ConsoleLinks.event(event.id), received: ConsoleFormat.time(event.receivedAt),
                            subject: event.subject ?? "(no subject)", status: delivery.status.rawValue, attempts: delivery.attempts,
                            lastAttempt: delivery.lastAttemptAt.map(ConsoleFormat.time),
                            reason: delivery.lastFailure?.description ?? "no reason recorded", retryAction: ConsoleLinks.retryDelivery(delivery.id))
                    }
            }
            return Group(
                destination: source.destination, count: source.count, retryAllAction: ConsoleLinks.destination(source.destination, "retry"),
                rows: rows,
                more: source.pages.contains { $0.next != nil } ? ConsoleLinks.events([("status", "dead"), ("destination", source.destination)]) : nil)
        }
    }
}
