import Foundation
import GRDB
import Testing
import TicketGateCore

@testable import TicketGateStore

/// Audit records are stored one row per write (an accept, an attempt, an operator's action) and read back as
/// the same records in the same order; a store from before keeps every record it had.
@Suite struct AuditBatchTests {
    let directory: TemporaryDirectory
    let start = Date(timeIntervalSince1970: 1_800_000_000.25)

    init() throws {
        directory = try TemporaryDirectory()
    }

    func accepted(_ id: String) -> AcceptedEvent {
        let audit = [
            AuditRecord(stage: .received, at: start, summary: "received", detail: ["bytes": .int(2)]),
            AuditRecord(stage: .verified, at: start, summary: "verified"),
            AuditRecord(stage: .decided, at: start.addingTimeInterval(0.001), summary: "decided", detail: ["rules": .array([.string("r1")])]),
        ]
        return .form(id, at: start, audit: audit)
    }

    @Test func eachWriteIsOneRowAndReadsBackAsItsRecordsInOrder() async throws {
        let path = directory.file("store.sqlite")
        let store = try SQLiteEventStore(path: path, serving: true)
        _ = try await store.accept(accepted("e1"))
        let job = try #require(try await store.claimDueDeliveries(now: start, limit: 1, leaseUntil: start.addingTimeInterval(60)).first)
        let attempt = [
            AuditRecord(stage: .dryRun, at: start.addingTimeInterval(1), summary: "would send GET /a"),
            AuditRecord(stage: .dryRun, at: start.addingTimeInterval(1), summary: "would send POST /b", detail: ["body": .string("{}")]),
            AuditRecord(stage: .delivered, at: start.addingTimeInterval(2), summary: "dry run"),
        ]
        try await store.finishAttempt(deliveryID: job.id, eventID: job.eventID, claim: job.claim, result: .dryRun, audit: attempt)

        let report = try #require(try await store.report(for: EventID(rawValue: "e1")))
        let expected =
            accepted("e1").audit.map { AuditEntry(deliveryID: nil, record: $0) } + attempt.map { AuditEntry(deliveryID: job.id, record: $0) }
        #expect(report.audit == expected)
        #expect(try await store.counts().auditRecords == 6)
        let rows = try await store.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_batch") }
        #expect(rows == 2)
    }

    @Test func aStoreFromBeforeKeepsItsRecords() async throws {
        let path = directory.file("old.sqlite")
        let old = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(old, upTo: "v4: conversations")
        try await old.write { db in
            try db.execute(
                sql: """
                    INSERT INTO event (id, source, kind, format, received_at, outcome, event, decision, raw_body)
                    VALUES ('old', 'web', 'form', 'generic', '2027-01-15 08:00:00.250', 'deliver', '{}', '{}', x'7B7D');
                    INSERT INTO delivery (id, event_id, destination, status, next_attempt_at, draft, refs, created_at, updated_at)
                    VALUES (7, 'old', 'spp', 'delivered', '2027-01-15 08:00:00.250', '{}', '{}', '2027-01-15 08:00:00.250', '2027-01-15 08:00:00.250');
                    INSERT INTO audit (event_id, delivery_id, at, stage, summary, detail) VALUES
                        ('old', NULL, '2027-01-15 08:00:00.250', 'received', 'received 2 bytes', '{"bytes":2}'),
                        ('old', 7, '2027-01-15 08:00:01.500', 'delivered', 'ticket 12', '{"ticket":"12","tags":["a","b"]}'),
                        ('old', NULL, '2027-01-15 08:00:02.000', 'replayed', 'replayed', '{}');
                    """)
        }
        try old.close()

        let store = try SQLiteEventStore(path: path, serving: false)
        let base = Date(timeIntervalSince1970: 1_800_000_000.25)
        let records = try await store.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit_batch ORDER BY id").flatMap { try AuditEntry.entries(of: SQLiteRow($0)) }
        }
        #expect(
            records == [
                AuditEntry(deliveryID: nil, record: AuditRecord(stage: .received, at: base, summary: "received 2 bytes", detail: ["bytes": .int(2)])),
                AuditEntry(
                    deliveryID: 7,
                    record: AuditRecord(
                        stage: .delivered, at: base.addingTimeInterval(1.25), summary: "ticket 12",
                        detail: ["ticket": .string("12"), "tags": .array([.string("a"), .string("b")])])),
                AuditEntry(deliveryID: nil, record: AuditRecord(stage: .replayed, at: base.addingTimeInterval(1.75), summary: "replayed")),
            ])
        #expect(try await store.counts().auditRecords == 3)
    }
}
