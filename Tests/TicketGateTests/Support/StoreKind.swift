import Foundation
import Logging
import Testing
import TicketGateCore
import TicketGateStore
import TicketGateStorePostgres

/// The stores the store's behaviour suites run against: SQLite always, PostgreSQL when its server is
/// installed (`PostgresServer`; the PostgreSQL suites say when they are skipped, and why).
enum StoreKind: String, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    static let available: [StoreKind] = PostgresServer.isAvailable ? [.sqlite, .postgres] : [.sqlite]

    var testDescription: String { rawValue }

    /// Runs `body` with a new empty store of this kind, closed (and removed) afterwards.
    func withStore(_ body: (any OperatorStore) async throws -> Void) async throws {
        switch self {
        case .sqlite:
            let directory = try TemporaryDirectory()
            defer { withExtendedLifetime(directory) {} }
            try await body(try SQLiteEventStore(path: directory.file("data/store.sqlite"), serving: true))
        case .postgres:
            let store = try await PostgresEventStore(location: try await PostgresServer.makeDatabase(), logger: Logger(label: "store-test"))
            try await store.whileRunning { try await body(store) }
        }
    }

    /// Runs `body` with two handles on one new store, as two instances hold it: on PostgreSQL two stores on one
    /// database; on SQLite, which one process serves alone, the same store twice.
    func withTwoHandles(_ body: (any OperatorStore, any OperatorStore) async throws -> Void) async throws {
        switch self {
        case .sqlite:
            try await withStore { store in try await body(store, store) }
        case .postgres:
            try await PostgresServer.withTwoStores { first, second in try await body(first, second) }
        }
    }
}
