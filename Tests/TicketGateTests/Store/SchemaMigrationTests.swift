import Foundation
import GRDB
import Testing
import TicketGateCore

@testable import TicketGateStore

/// A database made by the schema before dates became milliseconds reads the same after migrating.
///
/// `Tests/Fixtures/store/v5.sqlite` was written by `ticketgate serve` at schema v5 with the rules beside it
/// (`v5-rules.yml`): two signed contact forms accepted, each delivery's first attempt failed (nothing listens at
/// the destination) and waits for its retry. Its dates are GRDB's text, `yyyy-MM-dd HH:mm:ss.SSS` in UTC.
@Suite struct SchemaMigrationTests {
    let directory: TemporaryDirectory
    let path: String

    init() throws {
        directory = try TemporaryDirectory()
        path = directory.file("store.sqlite")
        try FileManager.default.copyItem(atPath: Fixtures.directory.appendingPathComponent("store/v5.sqlite").path, toPath: path)
    }

    /// The dates as the v5 database holds them, read with GRDB's own text format.
    struct TextDates: Equatable {
        var received: [String: Date] = [:]
        var deliveries: [Int64: [Date?]] = [:]
        var audit: [String: [Date]] = [:]
    }

    func textDates() throws -> TextDates {
        let queue = try DatabaseQueue(path: path)
        return try queue.read { db in
            var dates = TextDates()
            for row in try Row.fetchAll(db, sql: "SELECT id, received_at FROM event") {
                dates.received[row["id"]] = try #require(row["received_at"] as Date?)
            }
            for row in try Row.fetchAll(db, sql: "SELECT id, next_attempt_at, lease_until, created_at, updated_at FROM delivery") {
                dates.deliveries[row["id"]] = ["next_attempt_at", "lease_until", "created_at", "updated_at"].map { row[$0] as Date? }
            }
            for row in try Row.fetchAll(
                db, sql: "SELECT event_id, json_extract(value, '$.at') AS at FROM audit_batch, json_each(records) ORDER BY audit_batch.id")
            {
                dates.audit[row["event_id"], default: []].append(try #require(row["at"] as Date?))
            }
            return dates
        }
    }

    /// The nearest whole millisecond: a date read from text and one read from milliseconds may differ in the
    /// last bits of their `Double`.
    func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    @Test func theFixtureHoldsTextDates() throws {
        let dates = try textDates()
        #expect(dates.received.count == 2)
        #expect(dates.deliveries.count == 2)
        #expect(dates.audit.values.map(\.count).reduce(0, +) > 4)
    }

    @Test func migratedDatesReadAsTheTextSaid() async throws {
        let before = try textDates()
        let store = try SQLiteEventStore(path: path, serving: false)

        let types = try await store.writer.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT typeof(received_at) FROM event
                    UNION SELECT DISTINCT typeof(next_attempt_at) FROM delivery UNION SELECT DISTINCT typeof(created_at) FROM delivery
                    UNION SELECT DISTINCT typeof(updated_at) FROM delivery
                    UNION SELECT DISTINCT typeof(json_extract(value, '$.at')) FROM audit_batch, json_each(records)
                    """)
        }
        #expect(types == ["integer"])

        for (id, received) in before.received {
            let report = try #require(try await store.report(for: EventID(rawValue: id)))
            #expect(milliseconds(report.event.receivedAt) == milliseconds(received))
            #expect(report.audit.map { milliseconds($0.record.at) } == before.audit[id]?.map(milliseconds))
            #expect(report.deliveries.map(\.status) == [.pending])
            #expect(
                report.deliveries.map { $0.nextAttemptAt.map(milliseconds) }
                    == report.deliveries.map { before.deliveries[$0.id]?[0].map(milliseconds) })
        }
        let page = try await store.listEvents(EventQuery(limit: 10))
        #expect(Set(page.events.map { milliseconds($0.receivedAt) }) == Set(before.received.values.map(milliseconds)))
    }

    /// The waiting deliveries come due at the time they were given, no earlier and no later.
    @Test func migratedDeliveriesComeDueWhenTheyWereDue() async throws {
        let due = try #require(try textDates().deliveries.values.compactMap { $0[0] }.max())
        let store = try SQLiteEventStore(path: path, serving: true)
        let early = try await store.claimDueDeliveries(now: due.addingTimeInterval(-0.001), limit: 10, leaseUntil: due.addingTimeInterval(60))
        #expect(early.count == 1)
        let onTime = try await store.claimDueDeliveries(now: due, limit: 10, leaseUntil: due.addingTimeInterval(60))
        #expect(onTime.count == 1)
        // Each waits for its second attempt.
        #expect((early + onTime).map(\.attempt) == [2, 2])
        #expect((early + onTime).allSatisfy { $0.draft.destination == "spp" })
    }

    /// Migration v7 copies each stored event's sender and subject into the columns the console lists and
    /// searches.
    @Test func migratedEventsAreListedAndFoundByTheirSenderAndSubject() async throws {
        let store = try SQLiteEventStore(path: path, serving: false)
        let page = try await store.listEvents(EventQuery())
        #expect(page.events.count == 2)
        for row in page.events {
            let event = try #require(try await store.report(for: row.id)).event
            #expect(row.sender == event.sender.displayName)
            #expect(row.subject == event.subject)
            let email = try #require(event.sender.email)
            #expect(try await store.listEvents(EventQuery(text: email.uppercased())).events.map(\.id).contains(row.id))
        }
    }
}
