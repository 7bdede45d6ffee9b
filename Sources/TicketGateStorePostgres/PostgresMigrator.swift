import Foundation
import Logging
import PostgresNIO

/// Applies `PostgresSchema.migrations` that a database lacks, each exactly once however many instances start
/// at the same moment: all of them run in one transaction that first takes a transaction-scoped advisory
/// lock, so a second instance waits, then finds them applied. A database holding a migration this build
/// does not know was made by a newer build, and is refused.
struct PostgresMigrator: Sendable {
    /// The advisory lock key every ticketgate instance takes to migrate ("tgmigrat" in ASCII).
    static let lockKey: Int64 = 0x7467_6D69_6772_6174

    let migrations: [PostgresSchema.Migration]

    init(migrations: [PostgresSchema.Migration] = PostgresSchema.migrations) {
        self.migrations = migrations
    }

    /// Applies the missing migrations; returns the identifiers of those this call applied.
    @discardableResult
    func migrate(on connection: PostgresConnection, logger: Logger) async throws -> [String] {
        try await connection.transaction(logger: logger) { connection in
            try await connection.execute("SELECT pg_advisory_xact_lock(\(Self.lockKey))", logger: logger)
            try await connection.execute(
                """
                CREATE TABLE IF NOT EXISTS ticketgate_migration (
                    identifier text PRIMARY KEY,
                    applied_at bigint NOT NULL
                )
                """, logger: logger)
            var applied: Set<String> = []
            for row in try await connection.rows("SELECT identifier FROM ticketgate_migration", logger: logger) {
                applied.insert(try row.text("identifier"))
            }
            let known = Set(migrations.map(\.identifier))
            let unknown = applied.subtracting(known)
            guard unknown.isEmpty else { throw PostgresSchemaError.newerThanThisBuild(unknown: unknown.sorted()) }
            var appliedNow: [String] = []
            for migration in migrations where !applied.contains(migration.identifier) {
                for statement in migration.statements {
                    try await connection.execute(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await migration.backfill?(connection, logger)
                let now = Int64((Date().timeIntervalSince1970 * 1000).rounded())
                try await connection.execute(
                    "INSERT INTO ticketgate_migration (identifier, applied_at) VALUES (\(migration.identifier), \(now))", logger: logger)
                appliedNow.append(migration.identifier)
            }
            return appliedNow
        }
    }
}

/// The database's schema is not one this build can use.
package enum PostgresSchemaError: Error, Equatable, CustomStringConvertible {
    /// The database holds migrations this build does not know: a newer ticketgate made it.
    case newerThanThisBuild(unknown: [String])

    package var description: String {
        switch self {
        case .newerThanThisBuild(let unknown):
            "the database's schema is newer than this ticketgate (it has \(unknown.map { "'\($0)'" }.joined(separator: ", "))): "
                + "run the newer ticketgate, or a database of its own"
        }
    }
}
