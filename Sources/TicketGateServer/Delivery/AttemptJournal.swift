import Synchronization
import TicketGateCore

/// The journal of one delivery attempt: buffers its audit records and saves them with each checkpoint,
/// and hands the rest to the worker when the attempt ends.
final class AttemptJournal: DeliveryJournal {
    private let store: any EventStore
    private let job: DeliveryJob
    private let pending = Mutex<[AuditRecord]>([])

    init(store: any EventStore, job: DeliveryJob) {
        self.store = store
        self.job = job
    }

    func note(_ record: AuditRecord) {
        pending.withLock { $0.append(record) }
    }

    func checkpoint(_ refs: VendorRefs) async throws {
        let records = drain()
        do {
            try await store.saveProgress(deliveryID: job.id, eventID: job.eventID, claim: job.claim, refs: refs, audit: records)
        } catch {
            pending.withLock { $0.insert(contentsOf: records, at: 0) }
            throw error
        }
    }

    /// The records noted since the last checkpoint.
    func drain() -> [AuditRecord] {
        pending.withLock { records in
            defer { records = [] }
            return records
        }
    }
}
