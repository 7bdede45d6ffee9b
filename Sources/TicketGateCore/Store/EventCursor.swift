/// Where a page of events ends: the last row's `received_at` (in `EpochMilliseconds`) and its id, as
/// `MILLISECONDS_ID`. Both stores list newest first and continue after it.
package enum EventCursor {
    package static func after(receivedAt milliseconds: Int64, id: String) -> String {
        "\(milliseconds)_\(id)"
    }

    package static func parse(_ cursor: String) throws(EventListQueryError) -> (receivedAt: Int64, id: String) {
        guard let separator = cursor.firstIndex(of: "_"), let milliseconds = Int64(cursor[..<separator]) else {
            throw EventListQueryError(cursor: cursor)
        }
        let id = String(cursor[cursor.index(after: separator)...])
        guard !id.isEmpty else { throw EventListQueryError(cursor: cursor) }
        return (milliseconds, id)
    }
}

/// A cursor that no page handed out.
package struct EventListQueryError: Error, Sendable, CustomStringConvertible {
    package let cursor: String

    package init(cursor: String) {
        self.cursor = cursor
    }

    package var description: String { "the cursor '\(cursor)' does not continue any list" }
}
