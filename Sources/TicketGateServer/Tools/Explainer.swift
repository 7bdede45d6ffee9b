import Foundation
import TicketGateCore
import TicketGateInbound

/// `ticketgate explain`: one payload through verification, normalization and the rules, with the requests
/// the decision would send.
package enum Explainer {
    package struct Options: Sendable {
        package var rulesDirectory: String
        package var environment: [String: String]
        package var source: String
        package var headers: [(String, String)]
        package var verify: Bool
        package var json: Bool
        /// When the payload is taken to arrive (`--at`); `nil` for now.
        package var receivedAt: Date?

        package init(
            rulesDirectory: String, environment: [String: String], source: String, headers: [(String, String)], verify: Bool, json: Bool,
            receivedAt: Date? = nil
        ) {
            self.rulesDirectory = rulesDirectory
            self.environment = environment
            self.source = source
            self.headers = headers
            self.verify = verify
            self.json = json
            self.receivedAt = receivedAt
        }
    }

    /// What `explain --json` prints.
    struct Report: Encodable {
        struct Verification: Encodable {
            var scheme: String
            var secret: Int?
        }

        /// The decision, flat: `outcome` is `deliver`, `drop` or `unrouted`.
        struct Outcome: Encodable {
            var outcome: String
            var rule: String?
            var reason: String?
            var draft: TicketDraft?

            init(_ outcome: Decision.Outcome) {
                switch outcome {
                case .deliver(let draft): (self.outcome, self.draft) = ("deliver", draft)
                case .drop(let rule, let reason): (self.outcome, self.rule, self.reason) = ("drop", rule, reason)
                case .unrouted(let reason): (self.outcome, self.reason) = ("unrouted", reason)
                }
            }
        }

        var rulesVersion: String
        var event: InboundEvent?
        var verification: Verification?
        var refused: String?
        var rules: [RuleTrace]
        var decision: Outcome?
        var requests: [RenderedRequest]
        var note: String?
        /// The decision itself, for the text report.
        var outcome: Decision.Outcome?

        private enum CodingKeys: String, CodingKey {
            case rulesVersion, event, verification, refused, rules, decision, requests, note
        }
    }

    /// The explanation, and whether the payload was accepted.
    package static func run(_ options: Options, body: Data) async throws -> (output: String, accepted: Bool) {
        try await OfflineRules.with(directory: options.rulesDirectory, environment: options.environment) { offline in
            let report = try explain(
                body, source: options.source, headers: options.headers, verifying: options.verify, receivedAt: options.receivedAt ?? Date(),
                with: offline)
            let output = options.json ? try jsonText(report) : ExplainFormatter().format(report)
            return (output, report.refused == nil)
        }
    }

    /// `body` at `source` through normalization and `rules`, without verification, explained as `explain` prints
    /// it: the console's playground. Nothing is stored or sent.
    static func text(_ body: Data, source: String, contentType: String, rules: GatewayRules) throws -> String {
        ExplainFormatter().format(
            try explain(
                body, source: source, headers: [("Content-Type", contentType)], verifying: false, receivedAt: Date(), with: OfflineRules(rules: rules)
            ))
    }

    /// `body` at `source`, arriving at `receivedAt`, through verification (when `verifying`), normalization and
    /// `offline`'s rules, with the requests the decision would send. Nothing is stored or sent.
    static func explain(
        _ body: Data, source: String, headers: [(String, String)], verifying: Bool, receivedAt: Date, with offline: OfflineRules
    ) throws -> Report {
        var report = Report(rulesVersion: offline.rules.version, rules: [], requests: [])
        do {
            let received = try offline.receive(source: source, body: body, headers: headers, verifying: verifying, receivedAt: receivedAt)
            report.event = received.event
            report.verification = Report.Verification(scheme: received.verification.scheme, secret: received.verification.secretNumber)
            let decision = offline.rules.ruleSet.decide(received.event, trace: .full)
            report.rules = decision.trace
            report.decision = Report.Outcome(decision.outcome)
            report.outcome = decision.outcome
            if let draft = decision.draft {
                (report.requests, report.note) = offline.plan(draft, of: received.event)
            }
        } catch let error as InboundError {
            report.refused = "\(error.check): \(error.detail)"
        }
        return report
    }

    static func jsonText(_ report: Report) throws -> String {
        try AdminReports.json(report)
    }
}
