import Foundation

/// One attempt's write to its delivery row (the columns it sets, while the attempt's claim still holds the row)
/// with the audit records it adds, in the form that the writes of several attempts share one statement
/// (`batch`): where several instances write to one database, a commit per write is what the drain costs.
package struct AttemptWrite: Sendable {
    let deliveryID: Int64
    let claim: UUID?
    let eventID: EventID
    let assignments: [(column: String, value: AttemptChanges.Value)]
    /// The audit records as `StoredAuditRecord.json` writes them, when there are any.
    let auditJSON: String?

    /// `UPDATE delivery SET … WHERE id = … [AND the claim holds]`, for this write alone.
    func writeUpdate(_ sql: inout SQLWriter) {
        let assignments = assignments.map { column, value -> String in
            switch value {
            case .text(let text): "\(column) = \(sql.bind(.text(text)))"
            case .milliseconds(let milliseconds): "\(column) = \(sql.bind(.integer(milliseconds)))"
            case .null: "\(column) = NULL"
            case .oneAttemptBack: "\(column) = \(sql.dialect.greater("0", "\(column) - 1"))"
            }
        }
        sql.append("UPDATE delivery SET \(assignments.joined(separator: ", ")) WHERE id = \(sql.bind(.integer(deliveryID)))")
        sql.appendClaimHolds(claim)
    }

    /// About how many bytes the write's values take in `batch`'s statement.
    package var byteCount: Int {
        assignments.reduce(64 + (auditJSON?.utf8.count ?? 0)) { total, assignment in
            if case .text(let text) = assignment.value { total + text.utf8.count } else { total + 8 }
        }
    }

    /// The columns written and how, which writes must share to share a statement.
    private var shape: [String] {
        assignments.map { column, value in
            switch value {
            case .text: "\(column)=text"
            case .milliseconds: "\(column)=integer"
            case .null: "\(column)=null"
            case .oneAttemptBack: "\(column)=back"
            }
        }
    }

    /// `writes` as few statements, one per set of columns written (the writes of a busy drain mostly share
    /// one), each with the positions in `writes` of the writes it holds, where the dialect writes in common
    /// table expressions and reads lists as a table; `nil` elsewhere. Each statement reads its writes' values as
    /// the table `v`, updates the rows whose claims hold, and adds the audit records of those rows only.
    package static func batch(_ writes: [AttemptWrite], _ dialect: any SQLDialect) throws -> [(statement: SQLStatement, members: [Int])]? {
        guard dialect.writesInCommonTableExpressions, dialect.table(of: [], as: "v") != nil else { return nil }
        // A delivery written twice in one batch gets a statement per write, in order: one `UPDATE … FROM`
        // applies one row of `v` per delivery.
        var groups: [[String]: [Int]] = [:]
        var order: [[String]] = []
        var seen: [Int64: Int] = [:]
        for (position, write) in writes.enumerated() {
            let repeats = seen[write.deliveryID, default: 0]
            seen[write.deliveryID] = repeats + 1
            let key = write.shape + (repeats > 0 ? ["repeat \(repeats)"] : [])
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(position)
        }
        return try order.compactMap { shape in
            try groups[shape].map { members in (try statement(members.map { writes[$0] }, dialect), members) }
        }
    }

    /// One statement for `writes`, which are not empty and share their shape.
    private static func statement(_ writes: [AttemptWrite], _ dialect: any SQLDialect) throws -> SQLStatement {
        guard let first = writes.first else { throw StoreError.unexpected("a batch of no attempt writes") }
        var columns: [(name: String, values: SQLValue)] = [
            ("id", .integers(writes.map(\.deliveryID))), ("claim", .texts(writes.map { $0.claim?.uuidString ?? "" })),
            ("event_id", .texts(writes.map(\.eventID.rawValue))), ("audit", .texts(writes.map { $0.auditJSON ?? "" })),
        ]
        var assignments: [String] = []
        for (index, (column, value)) in first.assignments.enumerated() {
            switch value {
            case .text:
                columns.append(("c\(index)", .texts(writes.map { if case .text(let text) = $0.assignments[index].value { text } else { "" } })))
                assignments.append("\(column) = v.c\(index)")
            case .milliseconds:
                columns.append(
                    ("c\(index)", .integers(writes.map { if case .milliseconds(let time) = $0.assignments[index].value { time } else { 0 } })))
                assignments.append("\(column) = v.c\(index)")
            case .null: assignments.append("\(column) = NULL")
            case .oneAttemptBack: assignments.append("\(column) = \(dialect.greater("0", "\(column) - 1"))")
            }
        }
        return try SQLStatement(dialect) { sql in
            let lists = columns.map { name, values in
                let integers = if case .integers = values { true } else { false }
                return SQLListColumn(name: name, placeholder: sql.bind(values), integers: integers)
            }
            guard let table = sql.dialect.table(of: lists, as: "v") else { throw StoreError.unexpected("the dialect reads no lists as a table") }
            let holds = sql.dialect.claimHolds("v.claim").map { " AND \($0)" } ?? ""
            sql.append(
                """
                WITH updated AS (
                    UPDATE delivery SET \(assignments.joined(separator: ", ")) FROM \(table)
                    WHERE delivery.id = v.id\(holds) RETURNING delivery.id, v.event_id, v.audit)
                INSERT INTO audit_batch (event_id, delivery_id, records) SELECT event_id, id, audit FROM updated WHERE audit <> ''
                """)
        }
    }
}
