import Foundation

/// An operator's retry: the selected deliveries in one of `statuses` become pending and due at `now`, with
/// their attempts, lease, claim and last failure cleared; answers the rows it changed.
package enum DeliveryRequeue {
    package static func statement(_ selection: DeliverySelection, statuses: Set<DeliveryStatus>, now: Int64, _ dialect: any SQLDialect)
        -> SQLStatement
    {
        SQLStatement(dialect) { sql in
            let now = sql.bind(.integer(now))
            let selected =
                switch selection {
                case .delivery(let id): "id = \(sql.bind(.integer(id)))"
                case .destination(let name): "destination = \(sql.bind(.text(name)))"
                }
            sql.append(
                """
                UPDATE delivery SET status = 'pending', attempts = 0, next_attempt_at = \(now), lease_until = NULL, \
                last_failure_reason = NULL, last_failure_detail = NULL, updated_at = \(now)\(sql.dialect.releaseClaim.map { ", \($0)" } ?? "")
                WHERE \(sql.dialect.isIn("status", list: sql.bind(.texts(statuses.map(\.rawValue).sorted())))) AND \(selected)
                RETURNING *
                """)
        }
    }
}

extension StoredDelivery {
    /// A delivery just added to `event`, pending and due at `date`, as the insert made it.
    package static func added(id: Int64, to event: EventID, _ draft: TicketDraft, refs: VendorRefs, at date: Date) -> StoredDelivery {
        StoredDelivery(
            id: id, eventID: event.rawValue, status: DeliveryStatus.pending.rawValue, attempts: 0, nextAttemptAt: date, draft: draft, refs: refs,
            lastFailureReason: nil, lastFailureDetail: nil, createdAt: date, updatedAt: date)
    }
}
