import Synchronization
import TicketGateCore

/// The drafts of deliveries this process accepted and has not claimed yet, by outbox row id, so a claim finds
/// its draft without decoding the row's JSON again (`JSONDecoder` took a tenth of the delivery worker's CPU).
///
/// A draft is kept once its transaction has committed and before the next one begins (`GroupCommit`), and an
/// outbox row's draft never changes, so a draft found here is the row's, and is here for the row's first
/// claim. A claim takes its draft out; a row this process did not accept is decoded from the row as before.
/// At most `limit` drafts are kept, the oldest making room for the next: one that no claim takes (its
/// destination is paused, or the worker is far behind) only holds a place until then.
final class AcceptedDrafts: Sendable {
    static let limit = 4096

    private struct State {
        var drafts: [Int64: TicketDraft] = [:]
        /// The ids kept, in the order they came, as a ring of `limit` places; `oldest` is the next to go.
        var order: [Int64] = []
        var oldest = 0
    }

    private let state = Mutex(State())

    func keep(_ draft: TicketDraft, for deliveryID: Int64) {
        state.withLock { state in
            if state.order.count < Self.limit {
                state.order.append(deliveryID)
            } else {
                state.drafts.removeValue(forKey: state.order[state.oldest])
                state.order[state.oldest] = deliveryID
                state.oldest = (state.oldest + 1) % Self.limit
            }
            state.drafts[deliveryID] = draft
        }
    }

    func take(_ deliveryID: Int64) -> TicketDraft? {
        state.withLock { $0.drafts.removeValue(forKey: deliveryID) }
    }

    var count: Int { state.withLock(\.drafts.count) }
}
