import Synchronization
import TicketGateCore

/// A journal that keeps what a vendor client tells it, for tests of the client on its own.
final class TestJournal: DeliveryJournal {
    struct Unavailable: Error {}

    private let notes = Mutex<[AuditRecord]>([])
    private let saved = Mutex<[VendorRefs]>([])
    private let failing: Bool

    init(failingCheckpoints: Bool = false) {
        failing = failingCheckpoints
    }

    var records: [AuditRecord] { notes.withLock { $0 } }
    var checkpoints: [VendorRefs] { saved.withLock { $0 } }

    func note(_ record: AuditRecord) {
        notes.withLock { $0.append(record) }
    }

    func checkpoint(_ refs: VendorRefs) async throws {
        if failing { throw Unavailable() }
        saved.withLock { $0.append(refs) }
    }
}
