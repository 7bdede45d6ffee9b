/// What the last action did, carried in the URL of the page it came back to as a code from a closed set and
/// a count, so no text a request carries is shown as the notice.
struct ConsoleNotice: Equatable {
    enum Kind: String {
        case requeued, replayed
        case replaySkipped = "replay-skipped"
        case nothingToRetry = "nothing-to-retry"
        case paused, resumed
    }

    var kind: Kind
    var count: Int

    init(_ kind: Kind, count: Int = 0) {
        self.kind = kind
        self.count = count
    }

    /// After a retry: how many deliveries went back, or that none was found.
    init(requeued count: Int) {
        self.init(count == 0 ? .nothingToRetry : .requeued, count: count)
    }

    /// The notice in a page's query parameters, if any.
    init?(_ parameters: [String: String]) {
        guard let code = parameters["done"], let kind = Kind(rawValue: code) else { return nil }
        self.kind = kind
        count = parameters["n"].flatMap { Int($0) }.map { min(max($0, 0), 1_000_000_000) } ?? 0
    }

    /// The query parameters that carry the notice.
    var query: String {
        "done=\(kind.rawValue)&n=\(count)"
    }

    var text: String {
        switch kind {
        case .requeued: count == 1 ? "1 delivery is back in the outbox." : "\(count) deliveries are back in the outbox."
        case .replayed: "Replayed through the rules in force: \(count) new \(count == 1 ? "delivery" : "deliveries") queued."
        case .replaySkipped:
            "Replayed, but nothing was queued: a delivery is pending or the event was delivered (see its audit). "
                + "Tick the box to open a new ticket anyway."
        case .nothingToRetry: "Nothing to retry: no failed or dead delivery was found."
        case .paused: "Paused. Deliveries wait until the destination is resumed."
        case .resumed: "Resumed. Waiting deliveries are due now."
        }
    }
}
