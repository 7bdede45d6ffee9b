import Foundation
import TicketGateCore

/// One event: what arrived, normalized; the decision with a trace of every rule; each delivery with every
/// vendor call (or the requests of a dry run); and the audit timeline.
struct EventView: Sendable {
    struct TranscriptLine: Sendable {
        var author: String
        var at: ConsoleTime?
        var text: String
    }

    struct AttachmentRow: Sendable {
        var name: String
        var contentType: String
        var size: String
    }

    struct TraceRow: Sendable {
        var rule: String
        var result: String
        var resultClass: String
        var failed: String
    }

    struct DecisionPart: Sendable {
        var outcome: String
        var outcomeClass: String
        var detail: String?
        var decidedVersion: String
        var matched: String
        var traceNote: String
        var trace: [TraceRow]
    }

    struct Call: Sendable {
        var at: ConsoleTime
        var request: String
        var status: String
        var requestID: String
        var duration: String
        var failure: String
        /// What a failed call sent and got back.
        var requestBody: String?
        var responseBody: String?
        var hasBodies: Bool
    }

    struct DryRunRequest: Sendable {
        var line: String
        var headers: String
        var body: String?
    }

    struct Delivery: Sendable {
        var id: Int64
        var destination: String
        var status: String
        var statusClass: String
        var attempts: Int
        var nextAttempt: ConsoleTime?
        var ticket: String?
        var lastFailure: String?
        var retryable: Bool
        var retryAction: String
        var calls: [Call]
        var hasCalls: Bool
        var dryRun: [DryRunRequest]
        var hasDryRun: Bool
    }

    struct AuditLine: Sendable {
        var at: ConsoleTime
        var stage: String
        var delivery: Int64?
        var summary: String
    }

    var frame: ConsoleFrame
    var replayAction: String
    var facts: [ConsoleFact]
    var text: String?
    var fields: [ConsoleFact]
    var hasFields: Bool
    var transcript: [TranscriptLine]
    var hasTranscript: Bool
    var thread: [ConsoleFact]
    var hasThread: Bool
    var attachments: [AttachmentRow]
    var hasAttachments: Bool
    var decision: DecisionPart
    var deliveries: [Delivery]
    var audit: [AuditLine]

    init(frame: ConsoleFrame, report: EventReport, rules: any ConsoleRules) {
        self.frame = frame
        let event = report.event
        replayAction = ConsoleLinks.replay(event.id)
        var facts = [
            ConsoleFact(label: "Event id", value: event.id.rawValue),
            ConsoleFact(label: "Source", value: "\(event.source) (\(event.kind.rawValue), \(event.format))"),
            ConsoleFact(label: "Received", value: ConsoleFormat.text(event.receivedAt)),
            ConsoleFact(label: "Sender", value: event.sender.displayName ?? "unknown"),
        ]
        if let recipient = event.recipient { facts.append(ConsoleFact(label: "Recipient", value: recipient)) }
        facts.append(ConsoleFact(label: "Subject", value: event.subject ?? "(no subject)"))
        if let id = event.providerEventID { facts.append(ConsoleFact(label: "Provider event id", value: id)) }
        if let ip = event.clientIP { facts.append(ConsoleFact(label: "Client address", value: ip)) }
        self.facts = facts
        text = event.text
        fields = event.fields.map { ConsoleFact(label: $0.label ?? $0.name, value: $0.value) }
        hasFields = !fields.isEmpty
        transcript = (event.transcript?.turns ?? []).map { turn in
            TranscriptLine(
                author: turn.name.map { "\($0) (\(turn.role.rawValue))" } ?? turn.role.rawValue, at: turn.at.map(ConsoleFormat.time), text: turn.text)
        }
        hasTranscript = !transcript.isEmpty
        let keys = event.thread
        thread = [
            keys.messageID.map { ConsoleFact(label: "Message id", value: $0) },
            keys.inReplyTo.map { ConsoleFact(label: "In reply to", value: $0) },
            keys.references.isEmpty ? nil : ConsoleFact(label: "References", value: keys.references.joined(separator: "\n")),
            keys.conversationID.map { ConsoleFact(label: "Conversation", value: $0) },
        ].compactMap { $0 }
        hasThread = !thread.isEmpty
        attachments = event.attachments.map { attachment in
            AttachmentRow(
                name: attachment.name, contentType: attachment.contentType,
                size: (attachment.size ?? attachment.data?.count).map { "\($0) bytes" } ?? "size unknown")
        }
        hasAttachments = !attachments.isEmpty
        decision = Self.decisionPart(report, rules: rules)
        let byDelivery = Dictionary(grouping: report.audit.filter { $0.deliveryID != nil }, by: { $0.deliveryID ?? 0 })
        deliveries = report.deliveries.map { delivery in
            let records = (byDelivery[delivery.id] ?? []).map(\.record)
            let calls = records.filter { $0.stage == .vendorCall }.compactMap(Self.call)
            let dryRun = records.filter { $0.stage == .dryRun }.compactMap(Self.dryRunRequest)
            return Delivery(
                id: delivery.id, destination: delivery.destination, status: delivery.status.rawValue,
                statusClass: ConsoleFormat.statusClass(delivery.status.rawValue), attempts: delivery.attempts,
                nextAttempt: delivery.status == .pending ? delivery.nextAttemptAt.map(ConsoleFormat.time) : nil,
                ticket: Self.ticket(delivery.refs), lastFailure: delivery.lastFailure?.description,
                retryable: delivery.status == .dead || delivery.status == .failed, retryAction: ConsoleLinks.retryDelivery(delivery.id),
                calls: calls, hasCalls: !calls.isEmpty, dryRun: dryRun, hasDryRun: !dryRun.isEmpty)
        }
        audit = report.audit.map { entry in
            AuditLine(
                at: ConsoleFormat.time(entry.record.at), stage: entry.record.stage.rawValue, delivery: entry.deliveryID, summary: entry.record.summary
            )
        }
    }

    /// The stored decision, and a trace of every rule: the rules in force now, when they are the version
    /// that decided (or that version is not recorded), say which conditions failed.
    private static func decisionPart(_ report: EventReport, rules: any ConsoleRules) -> DecisionPart {
        let decided = report.audit.last { $0.record.stage == .decided || $0.record.stage == .replayed }
        let decidedVersion = decided?.record.detail["rules_version"]?.scalarText
        let outcome = report.decision.outcome
        let detail: String? =
            switch outcome {
            case .deliver(let draft): "to \(draft.destination)"
            case .drop(let rule, let reason): "dropped by \(rule): \(reason)"
            case .unrouted(let reason): reason
            }
        let trace = rules.trace(report.event)
        let note =
            decidedVersion == nil || decidedVersion == rules.version
            ? "Every rule, as the rules in force (version \(rules.version)) weigh this event."
            : "The rules changed since (version \(rules.version) is in force): this is how they weigh the event now."
        return DecisionPart(
            outcome: outcome.name, outcomeClass: ConsoleFormat.statusClass(outcome.name), detail: detail,
            decidedVersion: decidedVersion ?? "not recorded",
            matched: report.decision.matchedRules.isEmpty ? "none" : report.decision.matchedRules.joined(separator: ", "), traceNote: note,
            trace: trace.map { trace in
                let result =
                    switch trace.result {
                    case .matched: "matched"
                    case .notMatched: "not matched"
                    case .notEvaluated: "not evaluated (an earlier rule matched and stopped)"
                    }
                return TraceRow(
                    rule: trace.rule, result: result, resultClass: trace.result == .matched ? "ok" : "waiting", failed: trace.failedCondition ?? "")
            })
    }

    private static func call(_ record: AuditRecord) -> Call? {
        guard let call = VendorCallRecord(detail: record.detail) else { return nil }
        return Call(
            at: ConsoleFormat.time(record.at), request: "\(call.method) \(call.path)", status: call.status.map(String.init) ?? "no answer",
            requestID: call.requestID ?? "", duration: "\(call.durationMilliseconds) ms", failure: call.error ?? "", requestBody: call.requestBody,
            responseBody: call.responseBody, hasBodies: call.requestBody != nil || call.responseBody != nil)
    }

    /// A request of the dry run, or `nil` for the record that closes it (it holds no request).
    private static func dryRunRequest(_ record: AuditRecord) -> DryRunRequest? {
        guard let request = DryRunRecord(detail: record.detail) else { return nil }
        let condition = request.condition.map { " (\($0))" } ?? ""
        return DryRunRequest(
            line: "\(request.method) \(request.url)\(condition)", headers: request.headers.joined(separator: "\n"), body: request.body)
    }

    private static func ticket(_ refs: VendorRefs) -> String? {
        let parts = [refs.ticketID.map { "ticket \($0)" }, refs.messageID.map { "message \($0)" }, refs.clientID.map { "client \($0)" }]
        let text = parts.compactMap { $0 }.joined(separator: ", ")
        return text.isEmpty ? nil : text
    }
}
