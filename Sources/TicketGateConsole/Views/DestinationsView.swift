import TicketGateCore

/// The destinations of the rules in force: vendor, URL (without credentials), dry run or live, rate limit, pause
/// and why, deliveries by status (each a link to those events); pause and resume.
struct DestinationsView: Sendable {
    struct Count: Sendable {
        var status: String
        var statusClass: String
        var count: Int
        var href: String
    }

    struct Row: Sendable {
        var name: String
        var vendor: String
        var url: String
        var mode: String
        var rateLimit: String
        var state: String
        var stateClass: String
        var paused: Bool
        var counts: [Count]
        var pauseAction: String
        var resumeAction: String
    }

    var frame: ConsoleFrame
    var rows: [Row]

    init(frame: ConsoleFrame, destinations: [DestinationStatus]) {
        self.frame = frame
        rows = destinations.map { destination in
            let state =
                destination.paused.map { pause in
                    "paused: \(OverviewView.pauseReason(pause.reason)) since \(ConsoleFormat.text(pause.since))"
                        + (pause.nextProbeAt.map { "; next probe \(ConsoleFormat.text($0))" } ?? "")
                } ?? "running"
            return Row(
                name: destination.name, vendor: destination.vendor, url: destination.url,
                mode: destination.dryRun ? "dry run (no credentials)" : "live",
                rateLimit: destination.rateLimit ?? "none", state: state, stateClass: destination.paused == nil ? "ok" : "bad",
                paused: destination.paused != nil,
                counts: destination.deliveries.sorted { $0.key < $1.key }.map { status, count in
                    Count(
                        status: status, statusClass: ConsoleFormat.statusClass(status), count: count,
                        href: ConsoleLinks.events([("status", status), ("destination", destination.name)]))
                },
                pauseAction: ConsoleLinks.destination(destination.name, "pause"),
                resumeAction: ConsoleLinks.destination(destination.name, "resume"))
        }
    }
}
