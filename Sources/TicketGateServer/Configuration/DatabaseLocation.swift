import TicketGateStore

/// Where the store lives, read from `--database`.
enum DatabaseLocation: Equatable {
    case sqlite(path: String)

    /// Accepts `sqlite:<path>` and `sqlite://<path>`.
    init(url: String) throws(StoreError) {
        for prefix in ["sqlite://", "sqlite:"] where url.hasPrefix(prefix) {
            let path = String(url.dropFirst(prefix.count))
            guard !path.isEmpty else { break }
            self = .sqlite(path: path)
            return
        }
        if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            throw StoreError.unsupported("PostgreSQL is not available in this build yet; use sqlite:<path>")
        }
        throw StoreError.unsupported("unrecognised database URL; use sqlite:<path>, such as sqlite:data/ticketgate.sqlite")
    }
}
