import Foundation
import TicketGateCore

/// Writes an event report for a person: the event, the decision with its trace, the deliveries, and the
/// audit trail with every dry-run request in full.
struct EventReportFormatter {
    func format(_ report: EventReport) -> String {
        var lines: [String] = []
        let event = report.event
        lines.append("event     \(event.id)")
        lines.append("source    \(event.source) (\(event.kind.rawValue)/\(event.format))")
        lines.append("received  \(event.receivedAt.formatted(.iso8601))" + (event.clientIP.map { " from \($0)" } ?? ""))
        lines.append("sender    \(event.sender.displayName ?? "unknown")")
        if let subject = event.subject { lines.append("subject   \(subject)") }
        lines.append("")
        lines += decisionLines(report.decision)
        lines.append("")
        lines.append("deliveries")
        if report.deliveries.isEmpty { lines.append("  none") }
        for delivery in report.deliveries {
            lines.append("  " + deliveryLine(delivery))
        }
        lines.append("")
        lines.append("audit")
        for entry in report.audit {
            lines += auditLines(entry)
        }
        return lines.joined(separator: "\n")
    }

    private func decisionLines(_ decision: Decision) -> [String] {
        var lines: [String] = []
        switch decision.outcome {
        case .deliver(let draft):
            lines.append("decision  deliver to \(draft.destination)")
            var settings = ["tags: " + (draft.tags.isEmpty ? "none" : draft.tags.joined(separator: ", "))]
            settings.append("assignee: " + (draft.assignee.map(String.init) ?? "none"))
            settings.append("staff only: " + (draft.staffOnly ? "yes" : "no"))
            lines.append("ticket    \(draft.subject)")
            lines.append("          " + settings.joined(separator: " · "))
        case .drop(let rule, let reason):
            lines.append("decision  dropped by rule \(rule): \(reason)")
        case .unrouted(let reason):
            lines.append("decision  not delivered: \(reason)")
        }
        for trace in decision.trace where trace.result != .notEvaluated {
            let result = trace.result == .matched ? "matched" : "not matched: \(trace.failedCondition ?? "")"
            lines.append("  rule \(trace.rule): \(result)")
        }
        return lines
    }

    private func deliveryLine(_ delivery: DeliverySummary) -> String {
        var line = "#\(delivery.id) \(delivery.destination)  \(delivery.status.rawValue)  attempts \(delivery.attempts)"
        if let ticket = delivery.refs.ticketID { line += "  ticket \(ticket)" }
        if let next = delivery.nextAttemptAt { line += "  next attempt \(next.formatted(.iso8601))" }
        if let failure = delivery.lastFailure { line += "\n    last failure: \(failure)" }
        return line
    }

    private func auditLines(_ entry: AuditEntry) -> [String] {
        let record = entry.record
        let delivery = entry.deliveryID.map { "#\($0)" } ?? ""
        let head =
            "  \(record.at.formatted(Self.timestamp))  \(record.stage.rawValue.padding(toLength: 15, withPad: " ", startingAt: 0)) "
            + "\(delivery.padding(toLength: 4, withPad: " ", startingAt: 0)) \(record.summary)"
        guard record.stage == .dryRun, let request = DryRunRecord(detail: record.detail) else { return [head] }
        let indent = "      "
        var lines = [head] + request.headers.map { indent + $0 }
        if let body = request.body {
            lines.append(indent)
            lines += Self.bodyLines(body).map { $0.isEmpty ? "" : indent + $0 }
        }
        return lines
    }

    private static let timestamp = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    /// The body's lines for reading: JSON indented, anything else (a multipart body's CRLF lines) as it is.
    static func bodyLines(_ body: String) -> [Substring] {
        prettyJSON(body).split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    }

    /// The body indented for reading when it is JSON, as it is otherwise.
    static func prettyJSON(_ body: String) -> String {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(body.utf8)) else { return body }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return body }
        return String(decoding: data, as: UTF8.self)
    }
}
