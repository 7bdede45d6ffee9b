import Foundation

/// A lease on up to `limit` due deliveries, in one statement: each claimed row's lease is set and its attempt
/// counted. A delivery that continues a conversation waits while the delivery that opened it is pending (its
/// opener's status read per row, so the due rows are walked in the order of their index and the walk stops at
/// `limit`, rather than every pending row joined first). Where
/// several processes write, rows another is claiming are skipped (`FOR UPDATE SKIP LOCKED`) and each claimed row
/// gets a new claim id. What the jobs need besides (the openers of their conversations, the events' files) is
/// read after the claim with one statement each.
package enum DeliveryClaim {
    /// The claim; answers the claimed rows. `now` and `leaseUntil` are in the store's milliseconds.
    package static func statement(now: Int64, limit: Int, leaseUntil: Int64, destinations: DestinationFilter, _ dialect: any SQLDialect)
        -> SQLStatement
    {
        SQLStatement(dialect) { sql in
            let now = sql.bind(.integer(now))
            let filter: String
            switch destinations {
            case .all: filter = ""
            case .except(let names) where !names.isEmpty:
                filter = "AND NOT \(sql.dialect.isIn("d.destination", list: sql.bind(.texts(names.sorted()))))"
            case .except: filter = ""
            case .only(let name): filter = "AND d.destination = \(sql.bind(.text(name)))"
            }
            sql.append(
                """
                UPDATE delivery SET lease_until = \(sql.bind(.integer(leaseUntil))), attempts = attempts + 1, updated_at = \(now)\
                \(sql.dialect.newClaim.map { ", \($0)" } ?? "")
                WHERE id IN (
                    SELECT d.id FROM delivery d
                    WHERE d.status = 'pending' AND d.next_attempt_at <= \(now) AND (d.lease_until IS NULL OR d.lease_until <= \(now))
                    \(filter)
                    AND (d.conversation_opener IS NULL OR (SELECT o.status FROM delivery o WHERE o.id = d.conversation_opener) IS DISTINCT FROM 'pending')
                    ORDER BY d.next_attempt_at
                    LIMIT \(sql.bind(.integer(Int64(max(0, limit)))))\(sql.dialect.skipRowsBeingClaimed))
                RETURNING *
                """)
        }
    }

    /// The rows that opened the conversations of the claimed `rows`, or `nil` when none continues one.
    package static func openers(of rows: [some SQLRow], _ dialect: any SQLDialect) throws -> SQLStatement? {
        let ids = try rows.compactMap { try $0.optionalInteger("conversation_opener") }
        guard !ids.isEmpty else { return nil }
        return SQLStatement(dialect) { sql in
            sql.append("SELECT * FROM delivery WHERE \(sql.dialect.isIn("id", list: sql.bind(.integers(ids))))")
        }
    }

    /// The posted files of the claimed `rows`' events, in each event's order.
    package static func files(of rows: [some SQLRow], _ dialect: any SQLDialect) throws -> SQLStatement {
        let ids = Array(Set(try rows.map { try $0.text("event_id") })).sorted()
        return SQLStatement(dialect) { sql in
            sql.append(
                """
                SELECT event_id, name, content_type, data FROM attachment WHERE \(sql.dialect.isIn("event_id", list: sql.bind(.texts(ids))))
                ORDER BY event_id, position
                """)
        }
    }

    /// The jobs of the claimed `rows`, soonest due first, with their conversations' `openers` and their `files`;
    /// `claim` reads a row's claim id where the dialect gives one.
    package static func jobs<Row: SQLRow>(
        _ rows: [Row], openers: [some SQLRow], files: [some SQLRow], instant: (Int64) -> Date, claim: (Row) throws -> UUID?
    ) throws -> [DeliveryJob] {
        var byID: [Int64: StoredDelivery] = [:]
        for row in openers {
            let opener = try StoredDelivery(row: row, instant: instant)
            byID[opener.id] = opener
        }
        var filesByEvent: [String: [Attachment]] = [:]
        for row in files {
            filesByEvent[try row.text("event_id"), default: []].append(try Attachment(row: row))
        }
        let claimed = try rows.map { row in
            (row: row, delivery: try StoredDelivery(row: row, instant: instant), opener: try row.optionalInteger("conversation_opener"))
        }
        return try claimed.sorted { $0.delivery.nextAttemptAt < $1.delivery.nextAttemptAt }.map { claimed in
            claimed.delivery.job(
                opener: claimed.opener.flatMap { byID[$0] }, files: filesByEvent[claimed.delivery.eventID] ?? [], claim: try claim(claimed.row))
        }
    }
}
