import Foundation
import TicketGateCore

/// Writes `explain`'s report for a person. The event id and arrival time are left out: they differ on
/// every run and explain nothing.
struct ExplainFormatter {
    private var lines: [String] = []

    func format(_ report: Explainer.Report) -> String {
        var formatter = self
        formatter.build(report)
        return formatter.lines.joined(separator: "\n")
    }

    private mutating func build(_ report: Explainer.Report) {
        if let refused = report.refused {
            line("refused", refused)
            return
        }
        guard let event = report.event, let decision = report.outcome else { return }
        line("source", "\(event.source) (\(event.kind.rawValue)/\(event.format)), rules version \(report.rulesVersion)")
        if let verification = report.verification {
            line("verified", verification.secret.map { "\(verification.scheme) (secret \($0))" } ?? verification.scheme)
        }
        eventLines(event)
        lines.append("")
        lines.append("rules")
        let width = (report.rules.map(\.rule.count).max() ?? 0) + 2
        for trace in report.rules {
            let result =
                switch trace.result {
                case .matched: "matched"
                case .notMatched: "not matched: \(trace.failedCondition ?? "")"
                case .notEvaluated: "not evaluated: an earlier rule matched and stopped"
                }
            lines.append("  " + trace.rule.padding(toLength: width, withPad: " ", startingAt: 0) + result)
        }
        if report.rules.isEmpty { lines.append("  (no rules)") }
        lines.append("")
        decisionLines(decision)
        if !report.requests.isEmpty || report.note != nil {
            lines.append("")
            lines.append("requests")
            if let note = report.note { lines.append("  \(note)") }
            for request in report.requests {
                requestLines(request)
            }
        }
    }

    private mutating func eventLines(_ event: InboundEvent) {
        line("sender", event.sender.displayName ?? "unknown")
        if let recipient = event.recipient { line("recipient", recipient) }
        if let subject = event.subject { line("subject", subject) }
        if let text = event.text { line("text", text) }
        if !event.fields.isEmpty { line("fields", event.fields.map(\.line).joined(separator: "\n")) }
        let thread = [
            event.thread.messageID.map { "message id \($0)" }, event.thread.inReplyTo.map { "in reply to \($0)" },
            event.thread.references.isEmpty ? nil : "references \(event.thread.references.joined(separator: " "))",
            event.thread.conversationID.map { "conversation \($0)" },
        ].compactMap { $0 }
        if !thread.isEmpty { line("thread", thread.joined(separator: "\n")) }
        if let transcript = event.transcript { line("transcript", transcript.renderedText) }
        if !event.attachments.isEmpty {
            line(
                "attachments",
                event.attachments.map { file in
                    "\(file.name) (\(file.contentType)" + (file.size.map { ", \($0) bytes" } ?? "") + ")" + (file.url.map { " \($0)" } ?? "")
                }.joined(separator: "\n")
            )
        }
        if let signals = event.signals {
            let parts = [signals.score.map { "spam score \($0)" }, signals.verdict.map { "verdict \($0)" }, signals.spf.map { "spf \($0)" }]
            line("signals", parts.compactMap { $0 }.joined(separator: ", "))
        }
    }

    private mutating func decisionLines(_ outcome: Decision.Outcome) {
        switch outcome {
        case .drop(let rule, let reason):
            line("decision", "dropped by rule \(rule): \(reason)")
        case .unrouted(let reason):
            line("decision", "not delivered: \(reason)")
        case .deliver(let draft):
            line("decision", "deliver to \(draft.destination)")
            line("  subject", draft.subject)
            line("  tags", draft.tags.isEmpty ? "none" : draft.tags.joined(separator: ", "))
            if let assignee = draft.assignee {
                line("  assignee", String(assignee))
            } else if let rotation = draft.assigneeRotation {
                line("  assignee", "one of \(rotation.pool.map(String.init).joined(separator: ", ")) in turn")
            }
            line("  staff only", draft.staffOnly ? "yes" : "no")
            let optional: [(String, String?)] = [
                ("  brand", draft.brand.map(String.init)), ("  status", draft.status), ("  next action", draft.nextAction),
                ("  reply to", draft.replyTo), ("  order", draft.order), ("  note", draft.note),
            ]
            for (label, value) in optional {
                if let value { line(label, value) }
            }
            for (key, value) in (draft.vendorSettings ?? [:]).sorted(by: { $0.key < $1.key }) {
                line("  \(key)", value.description)
            }
            line("  message", draft.message)
        }
    }

    private mutating func requestLines(_ request: RenderedRequest) {
        lines.append("  \(request.method) \(request.url)" + (request.condition.map { "   (\($0))" } ?? ""))
        for header in request.headers {
            lines.append("      " + header.joined(separator: ": "))
        }
        if let body = request.body {
            lines.append("")
            for bodyLine in EventReportFormatter.bodyLines(body) {
                lines.append(bodyLine.isEmpty ? "" : "      " + bodyLine)
            }
        }
    }

    /// A labelled value; further lines of the value are indented under the first.
    private mutating func line(_ label: String, _ value: String) {
        let pad = String(repeating: " ", count: 14)
        let valueLines = value.split(separator: "\n", omittingEmptySubsequences: false)
        lines.append(label.padding(toLength: 14, withPad: " ", startingAt: 0) + (valueLines.first.map(String.init) ?? ""))
        for more in valueLines.dropFirst() {
            lines.append(more.isEmpty ? "" : pad + more)
        }
    }
}
