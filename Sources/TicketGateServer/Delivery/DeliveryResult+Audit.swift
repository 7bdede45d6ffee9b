import Foundation
import TicketGateCore

extension DeliveryResult {
    /// The failure behind the result, if it is one.
    var failure: DeliveryFailure? {
        switch self {
        case .delivered, .dryRun: nil
        case .retry(_, let failure), .paused(_, let failure), .deferred(_, let failure), .failed(let failure), .dead(let failure): failure
        }
    }

    /// What the attempt came to, as the log and the `ticketgate_deliveries_total` metric name it: `delivered`,
    /// `dry_run`, `retry`, `paused`, `deferred` (no turn at the vendor soon: a rate limit or its `Retry-After`),
    /// `failed` or `dead`.
    var outcomeName: String {
        switch self {
        case .delivered: "delivered"
        case .dryRun: "dry_run"
        case .retry: "retry"
        case .paused: "paused"
        case .deferred: "deferred"
        case .failed: "failed"
        case .dead: "dead"
        }
    }

    /// The audit record that closes an attempt.
    func auditRecord(for job: DeliveryJob, at date: Date) -> AuditRecord {
        var detail: [String: JSONValue] = [
            "destination": .string(job.destination),
            "attempt": .int(Int64(job.attempt)),
        ]
        let summary: String
        let stage: AuditRecord.Stage
        switch self {
        case .delivered(let refs):
            stage = .delivered
            let ids = [("client", refs.clientID), ("ticket", refs.ticketID), ("message", refs.messageID)]
                .compactMap { name, id in id.map { "\(name) \($0)" } }
            summary = "delivered to \(job.destination)" + (ids.isEmpty ? "" : ": " + ids.joined(separator: ", "))
            detail["client_id"] = refs.clientID.map(JSONValue.string)
            detail["ticket_id"] = refs.ticketID.map(JSONValue.string)
            detail["message_id"] = refs.messageID.map(JSONValue.string)
        case .dryRun:
            stage = .dryRun
            summary = "dry run: destination \(job.destination) has no credentials, so the requests above were recorded, not sent"
        case .retry(let at, let failure):
            stage = .retryScheduled
            summary = "attempt \(job.attempt) failed (\(failure)); next attempt at \(at.formatted(.iso8601))"
            detail["next_attempt_at"] = .string(at.formatted(.iso8601))
        case .paused(let until, let failure):
            stage = .paused
            summary =
                "\(job.destination) refused the credential (\(failure)); the destination is paused and this delivery waits, "
                + "without using up an attempt, for a probe at \(until.formatted(.iso8601)) or a rules reload"
            detail["next_attempt_at"] = .string(until.formatted(.iso8601))
        case .deferred(let until, let failure):
            stage = .retryScheduled
            summary =
                "\(job.destination) has no turn for this delivery soon (\(failure)); it waits, without using up an attempt, "
                + "until \(until.formatted(.iso8601))"
            detail["next_attempt_at"] = .string(until.formatted(.iso8601))
        case .failed(let failure):
            stage = .failed
            summary = "failed: \(failure)"
        case .dead(let failure):
            stage = .dead
            summary = "gave up after \(job.attempt) attempts: \(failure)"
        }
        if let failure {
            detail["reason"] = .string(failure.reason.rawValue)
            detail["detail"] = .string(failure.detail)
        }
        return AuditRecord(stage: stage, at: date, summary: summary, detail: detail)
    }
}
