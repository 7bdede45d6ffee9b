import Logging
import TicketGateCore
import TicketGateStore
import TicketGateStorePostgres

/// Where the store lives, read from `--database`.
enum DatabaseLocation: Equatable {
    case sqlite(path: String)
    case postgres(PostgresLocation)

    /// Accepts `sqlite:<path>`, `sqlite://<path>`, and `postgres://…` / `postgresql://…` (`PostgresLocation`).
    init(url: String) throws(StoreError) {
        for prefix in ["sqlite://", "sqlite:"] where url.hasPrefix(prefix) {
            let path = String(url.dropFirst(prefix.count))
            guard !path.isEmpty else { break }
            self = .sqlite(path: path)
            return
        }
        if PostgresLocation.names(url) {
            do {
                self = .postgres(try PostgresLocation(url: url))
                return
            } catch {
                throw StoreError.unsupported(error.description)
            }
        }
        throw StoreError.unsupported(
            "unrecognised database URL; use sqlite:<path>, such as sqlite:data/ticketgate.sqlite, or postgres://USER:PASSWORD@HOST:PORT/DATABASE")
    }

    /// Opens the store to read it, beside a running gateway or none: SQLite without the process lock.
    func openForReading(logger: Logger) async throws -> any OperatorStore {
        switch self {
        case .sqlite(let path): try SQLiteEventStore(path: path, serving: false)
        case .postgres(let location): try await PostgresEventStore(location: location, maximumConnections: 2, logger: logger)
        }
    }

    /// Opens the store to serve from, with the coordination of the instances sharing it: SQLite holds the
    /// process lock, being one instance's alone, and coordinates in memory; PostgreSQL is shared by any number
    /// of instances and coordinates through its tables. A PostgreSQL database that cannot be reached or refuses
    /// the login is tried again every `retryInterval`, with a warning each time, for `wait`; then, or at once for
    /// any other failure, this throws `StartupError` naming the database (never its password) and the cause.
    func openForServing(waiting wait: Duration, retryInterval: Duration = .seconds(2), logger: Logger) async throws(StartupError) -> (
        store: any OperatorStore, coordination: any InstanceCoordination
    ) {
        switch self {
        case .sqlite(let path):
            do {
                return (try SQLiteEventStore(path: path, serving: true), LocalCoordination())
            } catch {
                throw StartupError("cannot open the database \(path): \(error)")
            }
        case .postgres(let location):
            let deadline = ContinuousClock.now + wait
            while true {
                do {
                    let store = try await PostgresEventStore(location: location, logger: logger)
                    return (store, store)
                } catch let error as StoreError where error.isUnavailable {
                    let left = ContinuousClock.now.duration(to: deadline)
                    guard left > .zero else {
                        let after = wait > .zero ? " within \(wait)" : ""
                        throw StartupError("the database \(location) did not answer\(after): \(error.message)")
                    }
                    logger.warning(
                        "cannot reach the database; trying again",
                        metadata: ["tg.database": "\(location)", "tg.error": "\(error.message)", "tg.wait.left": "\(left)"])
                    try? await Task.sleep(for: min(retryInterval, left))
                } catch {
                    throw StartupError("cannot open the database \(location): \(error)")
                }
            }
        }
    }
}
