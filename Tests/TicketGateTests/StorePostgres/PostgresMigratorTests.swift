import Logging
import PostgresNIO
import Testing
import TicketGateCore

@testable import TicketGateStorePostgres

/// Migrations on a real PostgreSQL: applied once however many instances start together, and a schema newer
/// than the build refused.
@Suite(.enabled(if: PostgresServer.isAvailable, PostgresServer.skipReason))
struct PostgresMigratorTests {
    let logger = Logger(label: "migrator-test")

    @Test func fiveInstancesStartingTogetherApplyEachMigrationOnce() async throws {
        let location = try await PostgresServer.makeDatabase()
        let logger = logger
        let appliedByEach = try await withThrowingTaskGroup(of: [String].self) { group in
            for _ in 0..<5 {
                group.addTask {
                    try await PostgresServer.withConnection(location) { connection in
                        try await PostgresMigrator().migrate(on: connection, logger: logger)
                    }
                }
            }
            return try await group.reduce(into: [[String]]()) { $0.append($1) }
        }
        let identifiers = PostgresSchema.migrations.map(\.identifier)
        #expect(appliedByEach.flatMap { $0 }.sorted() == identifiers.sorted())
        #expect(appliedByEach.filter { !$0.isEmpty }.count == 1, "one instance applied them all, the others found them applied")
        let recorded = try await PostgresServer.withClient(location) { client in
            try await client.query("SELECT identifier FROM ticketgate_migration ORDER BY applied_at, identifier").decode(String.self)
                .reduce(into: [String]()) { $0.append($1) }
        }
        #expect(recorded.sorted() == identifiers.sorted())
    }

    @Test func aSecondStartAppliesNothing() async throws {
        let location = try await PostgresServer.makeDatabase()
        let logger = logger
        let (first, second) = try await PostgresServer.withConnection(location) { connection in
            (
                try await PostgresMigrator().migrate(on: connection, logger: logger),
                try await PostgresMigrator().migrate(on: connection, logger: logger)
            )
        }
        #expect(first == PostgresSchema.migrations.map(\.identifier))
        #expect(second == [])
    }

    /// Migration v2 copies each stored event's sender and subject into the columns the console lists and
    /// searches.
    @Test func eventsStoredBeforeV2AreListedAndFoundByTheirSenderAndSubject() async throws {
        let location = try await PostgresServer.makeDatabase()
        let logger = logger
        let event =
            #"{"id":"e1","source":"web","kind":"form","format":"generic","receivedAt":0,"sender":{"email":"ann@example.com","name":"Ann"},"subject":"Refund","fields":[],"headers":{},"thread":{"references":[]},"attachments":[]}"#
        let decision = #"{"trace":[],"outcome":{"unrouted":{"reason":"none"}}}"#
        try await PostgresServer.withConnection(location) { connection in
            _ = try await PostgresMigrator(migrations: Array(PostgresSchema.migrations.prefix(1))).migrate(on: connection, logger: logger)
        }
        try await PostgresServer.withClient(location) { client in
            try await client.query(
                """
                INSERT INTO event (id, source, kind, format, received_at, outcome, event, decision, raw_body)
                VALUES ('e1', 'web', 'form', 'generic', 0, 'unrouted', \(event), \(decision), ''::bytea)
                """)
        }
        let store = try await PostgresEventStore(location: location, logger: logger)
        let rows = try await store.whileRunning { try await store.listEvents(TicketGateCore.EventQuery(text: "ANN@")).events }
        #expect(rows.map(\.id.rawValue) == ["e1"])
        #expect(rows.first?.sender == "Ann <ann@example.com>")
        #expect(rows.first?.subject == "Refund")
    }

    /// The documents and bodies are compressed with lz4 where the server has it, and with its default where it
    /// has not; either way the migration succeeds.
    @Test func documentsAndBodiesCompressWithLZ4WhereTheServerHasIt() async throws {
        let location = try await PostgresServer.makeDatabase()
        let logger = logger
        try await PostgresServer.withConnection(location) { connection in _ = try await PostgresMigrator().migrate(on: connection, logger: logger) }
        let (hasLZ4, methods) = try await PostgresServer.withClient(location) { client in
            let hasLZ4: Bool
            do {
                try await client.query("CREATE TEMPORARY TABLE probe (value text COMPRESSION lz4)")
                hasLZ4 = true
            } catch {
                hasLZ4 = false
            }
            let rows = try await client.query(
                """
                SELECT attrelid::regclass::text || '.' || attname, attcompression::text FROM pg_attribute
                WHERE (attrelid::regclass::text, attname) IN (('event', 'event'), ('event', 'decision'), ('event', 'raw_body'),
                    ('audit_batch', 'records'), ('delivery', 'draft'), ('attachment', 'data'))
                """
            )
            var methods: [String: String] = [:]
            for try await (column, method) in rows.decode((String, String).self) { methods[column] = method }
            return (hasLZ4, methods)
        }
        #expect(methods.count == 6)
        #expect(methods.values.allSatisfy { $0 == (hasLZ4 ? "l" : "") }, "\(methods)")
    }

    @Test func aSchemaNewerThanTheBuildIsRefused() async throws {
        let location = try await PostgresServer.makeDatabase()
        let logger = logger
        try await PostgresServer.withConnection(location) { connection in
            try await PostgresMigrator().migrate(on: connection, logger: logger)
            try await connection.execute(
                "INSERT INTO ticketgate_migration (identifier, applied_at) VALUES ('v99: from the future', 0)", logger: logger)
            await #expect(throws: PostgresSchemaError.newerThanThisBuild(unknown: ["v99: from the future"])) {
                try await PostgresMigrator().migrate(on: connection, logger: logger)
            }
        }
    }

    /// A build that knows fewer migrations than the database holds (an older binary after an upgrade) stops.
    @Test func anOlderBuildRefusesTheDatabase() async throws {
        let location = try await PostgresServer.makeDatabase()
        let logger = logger
        let newer =
            PostgresSchema.migrations + [PostgresSchema.Migration(identifier: "v2: a later table", statements: ["CREATE TABLE later (x int)"])]
        try await PostgresServer.withConnection(location) { connection in
            try await PostgresMigrator(migrations: newer).migrate(on: connection, logger: logger)
            await #expect(throws: PostgresSchemaError.newerThanThisBuild(unknown: ["v2: a later table"])) {
                try await PostgresMigrator().migrate(on: connection, logger: logger)
            }
        }
    }
}

extension PostgresMigratorTests {
    /// The outbox leaves room on its pages, so a claim (which changes no indexed column) is written beside the
    /// row it updates, touching none of the indexes.
    @Test func theOutboxLeavesRoomOnItsPagesForItsUpdates() async throws {
        let location = try await PostgresServer.makeDatabase()
        let logger = logger
        try await PostgresServer.withConnection(location) { connection in _ = try await PostgresMigrator().migrate(on: connection, logger: logger) }
        let options = try await PostgresServer.withClient(location) { client in
            var options: [String] = []
            for try await option in try await client.query("SELECT unnest(reloptions) FROM pg_class WHERE relname = 'delivery'").decode(String.self) {
                options.append(option)
            }
            return options
        }
        #expect(options == ["fillfactor=70"])
    }
}
