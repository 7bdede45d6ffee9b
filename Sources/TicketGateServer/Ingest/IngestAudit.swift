import Foundation
import TicketGateCore
import TicketGateInbound

/// The audit records of the request path: received, verified, decided.
enum IngestAudit {
    static func records(for request: InboundRequest, received: ReceivedEvent, decision: Decision, rulesVersion: String) -> [AuditRecord] {
        let event = received.event
        let at = event.receivedAt
        return [
            receivedRecord(request, event: event),
            verifiedRecord(received.verification, at: at),
            decidedRecord(decision, rulesVersion: rulesVersion, at: at),
        ]
    }

    private static func receivedRecord(_ request: InboundRequest, event: InboundEvent) -> AuditRecord {
        let type = request.contentType ?? "no content type"
        let from = event.clientIP.map { " from \($0)" } ?? ""
        var detail: [String: JSONValue] = [
            "source": .string(event.source),
            "kind": .string(event.kind.rawValue),
            "format": .string(event.format),
            "bytes": .int(Int64(request.body.count)),
        ]
        detail["content_type"] = request.contentType.map(JSONValue.string)
        detail["client_ip"] = event.clientIP.map(JSONValue.string)
        detail["scheme"] = request.scheme.map(JSONValue.string)
        detail["provider_event_id"] = event.providerEventID.map(JSONValue.string)
        detail["message_id"] = event.thread.messageID.map(JSONValue.string)
        detail["in_reply_to"] = event.thread.inReplyTo.map(JSONValue.string)
        detail["conversation_id"] = event.thread.conversationID.map(JSONValue.string)
        if !event.attachments.isEmpty {
            detail["attachments"] = .int(Int64(event.attachments.count))
        }
        return AuditRecord(
            stage: .received,
            at: event.receivedAt,
            summary: "received \(request.body.count) bytes of \(type) on source \(event.source)\(from)",
            detail: detail
        )
    }

    private static func verifiedRecord(_ report: VerificationReport, at date: Date) -> AuditRecord {
        var detail: [String: JSONValue] = ["scheme": .string(report.scheme)]
        detail["signed_at"] = report.signedAt.map { .string($0.formatted(.iso8601)) }
        let summary: String
        if let number = report.secretNumber {
            detail["secret"] = .int(Int64(number))
            let what = ["basic", "token"].contains(report.scheme) ? "credentials accepted" : "signature verified"
            summary = "\(what) with \(report.scheme) (secret \(number))" + (report.signedAt.map { ", signed at \($0.formatted(.iso8601))" } ?? "")
        } else {
            summary = "not verified: the source accepts unsigned requests (scheme \(report.scheme))"
        }
        return AuditRecord(stage: .verified, at: date, summary: summary, detail: detail)
    }

    static func decidedRecord(_ decision: Decision, rulesVersion: String, at date: Date) -> AuditRecord {
        let matched = decision.matchedRules
        var detail: [String: JSONValue] = [
            "outcome": .string(decision.outcome.name),
            "matched_rules": .array(matched.map(JSONValue.string)),
            "rules_version": .string(rulesVersion),
        ]
        let because = matched.isEmpty ? "no rule matched" : "matched \(matched.joined(separator: ", "))"
        let summary: String
        switch decision.outcome {
        case .deliver(let draft):
            detail["destination"] = .string(draft.destination)
            detail["tags"] = .array(draft.tags.map(JSONValue.string))
            detail["assignee"] = draft.assignee.map { .int(Int64($0)) }
            detail["staff_only"] = .bool(draft.staffOnly)
            detail["brand"] = draft.brand.map { .int(Int64($0)) }
            detail["reply_to"] = draft.replyTo.map(JSONValue.string)
            detail["order"] = draft.order.map(JSONValue.string)
            summary = "\(because) → deliver to \(draft.destination) (rules \(rulesVersion))"
        case .drop(let rule, let reason):
            detail["reason"] = .string(reason)
            summary = "dropped by rule \(rule): \(reason)"
        case .unrouted(let reason):
            detail["reason"] = .string(reason)
            summary = "\(because) → not delivered: \(reason)"
        }
        // The decision of the request path traces a rule that did not match only when a pattern gave up on it.
        let gaveUp = decision.trace.filter { $0.result == .notMatched }
        guard !gaveUp.isEmpty else { return AuditRecord(stage: .decided, at: date, summary: summary, detail: detail) }
        detail["patterns_gave_up"] = .object(Dictionary(gaveUp.map { ($0.rule, JSONValue.string($0.failedCondition ?? "")) }) { first, _ in first })
        let notes = gaveUp.map { "rule \($0.rule): \($0.failedCondition ?? "")" }.joined(separator: "; ")
        return AuditRecord(stage: .decided, at: date, summary: summary + "; " + notes, detail: detail)
    }
}
