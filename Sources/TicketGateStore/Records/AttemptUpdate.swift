import Foundation
import GRDB
import TicketGateCore

/// The `UPDATE` that records how an attempt ended: its status, the end of its lease, and only the columns the
/// result changes (references, the next attempt's time, the last failure).
struct AttemptUpdate: Sendable {
    let sql: String
    let arguments: StatementArguments

    init(_ result: DeliveryResult, deliveryID: Int64, at date: Date) throws {
        var assignments = ["status = ?", "lease_until = NULL", "updated_at = ?"]
        var values: [DatabaseValue] = [result.status.rawValue.databaseValue, StoredDate.databaseValue(date)]
        func failure(_ failure: DeliveryFailure) {
            assignments += ["last_failure_reason = ?", "last_failure_detail = ?"]
            values += [failure.reason.rawValue.databaseValue, failure.detail.databaseValue]
        }
        switch result {
        case .delivered(let refs):
            assignments += ["refs = ?", "last_failure_reason = NULL", "last_failure_detail = NULL"]
            values.append(try CompactJSONEncoder().string(refs).databaseValue)
        case .dryRun:
            break
        case .retry(let at, let reason):
            assignments.append("next_attempt_at = ?")
            values.append(StoredDate.databaseValue(at))
            failure(reason)
        case .paused(let until, let reason):
            // A refused credential does not use up an attempt.
            assignments += ["next_attempt_at = ?", "attempts = MAX(0, attempts - 1)"]
            values.append(StoredDate.databaseValue(until))
            failure(reason)
        case .failed(let reason), .dead(let reason):
            failure(reason)
        }
        values.append(deliveryID.databaseValue)
        sql = "UPDATE delivery SET \(assignments.joined(separator: ", ")) WHERE id = ?"
        arguments = StatementArguments(values: values)
    }
}
