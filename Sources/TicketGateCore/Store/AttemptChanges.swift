import Foundation

/// The columns of a delivery row that an attempt's result changes, in both stores: its status, the end of its
/// lease, and only what the result says (references, the next attempt's time, the last failure). `time` gives
/// the milliseconds a store keeps for an instant: its own clock's, or (PostgreSQL) the database's.
package struct AttemptChanges: Sendable {
    package enum Value: Sendable, Equatable {
        case text(String)
        case milliseconds(Int64)
        case null
        /// `attempts` less one, never below zero: a refused credential does not use up an attempt.
        case oneAttemptBack
    }

    package let assignments: [(column: String, value: Value)]

    package init(_ result: DeliveryResult, at date: Date, time: (Date) -> Int64 = EpochMilliseconds.of) throws {
        var assignments: [(column: String, value: Value)] = [
            ("status", .text(result.status.rawValue)), ("lease_until", .null), ("updated_at", .milliseconds(time(date))),
        ]
        func failure(_ failure: DeliveryFailure) {
            assignments += [("last_failure_reason", .text(failure.reason.rawValue)), ("last_failure_detail", .text(ColumnText.of(failure.detail)))]
        }
        switch result {
        case .delivered(let refs):
            assignments += [("refs", .text(try CompactJSONEncoder().string(refs))), ("last_failure_reason", .null), ("last_failure_detail", .null)]
        case .dryRun:
            break
        case .retry(let at, let reason):
            assignments.append(("next_attempt_at", .milliseconds(time(at))))
            failure(reason)
        case .paused(let until, let reason), .deferred(let until, let reason):
            assignments += [("next_attempt_at", .milliseconds(time(until))), ("attempts", .oneAttemptBack)]
            failure(reason)
        case .failed(let reason), .dead(let reason):
            failure(reason)
        }
        self.assignments = assignments
    }
}
