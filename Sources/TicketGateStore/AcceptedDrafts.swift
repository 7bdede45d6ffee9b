import Synchronization
import TicketGateCore

/// The drafts of deliveries this process accepted and has not claimed yet, by outbox row id, so a claim finds
/// its draft without decoding the row's JSON again (`JSONDecoder` took a tenth of the delivery worker's CPU).
///
/// A draft is kept only after its transaction has committed, and an outbox row's draft never changes, so a
/// draft found here is the row's. A claim takes its draft out; a row this process did not accept, a retry, or
/// one claimed before its draft arrived here is decoded from the row as before. At most `limit` drafts are
/// kept: past that (the worker far behind), new ones are not, and are decoded when claimed.
final class AcceptedDrafts: Sendable {
    static let limit = 4096
    private let drafts = Mutex<[Int64: TicketDraft]>([:])

    func keep(_ draft: TicketDraft, for deliveryID: Int64) {
        drafts.withLock { drafts in
            if drafts.count < Self.limit { drafts[deliveryID] = draft }
        }
    }

    func take(_ deliveryID: Int64) -> TicketDraft? {
        drafts.withLock { $0.removeValue(forKey: deliveryID) }
    }

    var count: Int { drafts.withLock(\.count) }
}
