import Foundation
import Testing
import TicketGateCore
import TicketGateInbound
import TicketGateRules
import TicketGateVendors

/// How rules decide: order, first match unless `continue`, tags accumulate, later settings overwrite,
/// `drop` ends the decision, and the trace says which condition failed.
@Suite struct RuleDecisionTests {
    static let rules = """
        sources:
          web: { kind: form, verify: { scheme: none } }
        destinations:
          spp: { vendor: spp, url: "https://acme.spp.co" }
          other: { vendor: spp, url: "https://other.spp.co" }
        defaults: { destination: spp, tags: [inbound], assignee: 1 }
        rules:
          - name: spam
            when: { body: { contains: [casino, "free money"] } }
            drop: spam keywords
          - name: billing
            when: { subject: { contains: [Invoice, refund] } }
            set: { tags: [billing, inbound], assignee: 17, note: billing }
            continue: true
          - name: vip
            when:
              sender.domain: BigCorp.com
              any:
                - fields.plan: enterprise
                - headers.x-priority: high
            set: { destination: other, tags: [vip], visible_to_customer: false }
          - name: never-after-vip
            when: { not: { kind: chat } }
            set: { tags: [late] }
        """

    static let ruleSet = try! RulesLoader(environment: [:], formats: InboundFormats.supported, vendors: VendorRegistry.profiles).load([
        RulesFile(path: "r.yml", contents: rules)
    ])

    static func event(
        email: String = "jane@example.com", subject: String? = nil, body: String? = nil, fields: [String: String] = [:],
        headers: [String: String] = [:]
    ) -> InboundEvent {
        InboundEvent(
            id: EventID(rawValue: "e"), source: "web", kind: .form, format: "generic", receivedAt: Date(),
            sender: Party(email: email), subject: subject, text: body,
            fields: fields.sorted { $0.key < $1.key }.map { FormField(name: $0.key, value: $0.value) }, headers: headers
        )
    }

    @Test func defaultsApplyWhenTheMatchingRuleSetsNothingElse() throws {
        let decision = Self.ruleSet.decide(Self.event(subject: "Hello", body: "Hi"))
        let draft = try #require(decision.draft)
        #expect(decision.matchedRules == ["never-after-vip"])
        #expect(draft.destination == "spp")
        #expect(draft.tags == ["inbound", "late"])
        #expect(draft.assignee == 1)
        #expect(draft.staffOnly == false)
    }

    @Test func continueAccumulatesTagsAndLaterMatchesOverwrite() throws {
        let event = Self.event(email: "ceo@bigcorp.com", subject: "REFUND please", fields: ["plan": "Enterprise"])
        let decision = Self.ruleSet.decide(event, trace: .full)
        let draft = try #require(decision.draft)
        #expect(decision.matchedRules == ["billing", "vip"])
        #expect(draft.destination == "other")
        #expect(draft.tags == ["inbound", "billing", "vip"])
        #expect(draft.assignee == 17)
        #expect(draft.staffOnly == true)
        #expect(draft.note == "billing")
        #expect(decision.trace.map(\.result) == [.notMatched, .matched, .matched, .notEvaluated])
    }

    @Test func anyMatchesOnASecondBranchAndTheTraceNamesTheFailure() throws {
        let viaHeader = Self.ruleSet.decide(Self.event(email: "a@bigcorp.com", headers: ["x-priority": "HIGH"]))
        #expect(viaHeader.matchedRules == ["vip"])

        let neither = Self.ruleSet.decide(Self.event(email: "a@bigcorp.com", subject: "hi"), trace: .full)
        let vip = try #require(neither.trace.first { $0.rule == "vip" })
        #expect(vip.result == .notMatched)
        #expect(vip.failedCondition == "any of (fields.plan = enterprise; headers.x-priority = high)")
        let billing = try #require(neither.trace.first { $0.rule == "billing" })
        #expect(billing.failedCondition == "subject contains [Invoice, refund]")
    }

    @Test func dropEndsTheDecision() {
        let event = Self.event(subject: "invoice", body: "Get FREE MONEY now")
        let decision = Self.ruleSet.decide(event, trace: .full)
        #expect(decision.outcome == .drop(rule: "spam", reason: "spam keywords"))
        #expect(decision.trace.map(\.result) == [.matched, .notEvaluated, .notEvaluated, .notEvaluated])
    }

    @Test func theAuditTraceKeepsOnlyTheRulesThatMatched() {
        let event = Self.event(email: "ceo@bigcorp.com", subject: "REFUND please", fields: ["plan": "Enterprise"])
        let decision = Self.ruleSet.decide(event, trace: .matches)
        #expect(decision.trace.map(\.rule) == ["billing", "vip"])
        #expect(decision.outcome == Self.ruleSet.decide(event, trace: .full).outcome)
    }

    @Test func noDestinationAnywhereLeavesTheEventUnrouted() throws {
        let rules = "destinations:\n  spp: { vendor: spp, url: \"https://a.example\" }\nrules:\n  - { name: tag, set: { tags: [x] } }"
        let ruleSet = try RulesLoader(environment: [:], formats: InboundFormats.supported, vendors: VendorRegistry.profiles).load([
            RulesFile(path: "r.yml", contents: rules)
        ])
        #expect(ruleSet.decide(Self.event()).outcome == .unrouted(reason: "no matching rule and no default chooses a destination"))
    }

    @Test func draftSubjectAndMessageFallBackSensibly() throws {
        let event = InboundEvent(
            id: EventID(rawValue: "e"), source: "web", kind: .form, format: "generic", receivedAt: Date(),
            sender: Party(email: "jane@example.com", name: "Jane"), subject: "  ", text: nil,
            fields: [
                FormField(name: "email", value: "jane@example.com"), FormField(name: "phone", value: "123"), FormField(name: "empty", value: ""),
            ]
        )
        let draft = try #require(Self.ruleSet.decide(event).draft)
        #expect(draft.subject == "Message from Jane")
        #expect(draft.message == "phone: 123")
    }

    /// A rule whose pattern gives up on its budget is in the trace at its place in rule order, at either
    /// detail, with the pattern named; a rule that matched anyway says nothing of it.
    @Test func aPatternThatGivesUpIsTracedInRuleOrderAtEitherDetail() throws {
        let rules = """
            destinations:
              spp: { vendor: spp, url: "https://a.example" }
            rules:
              - { name: first, when: { subject: { exists: true } }, set: { tags: [a] }, continue: true }
              - { name: stuck, when: { body: { matches: "(a+)+$" } }, set: { tags: [b] }, continue: true }
              - { name: rescued, when: { any: [{ body: { matches: "(a+)+$" } }, { subject: hello }] }, set: { tags: [c] }, continue: true }
              - { name: last, set: { destination: spp } }
            """
        let ruleSet = try RulesLoader(environment: [:], formats: InboundFormats.supported, vendors: VendorRegistry.profiles).load([
            RulesFile(path: "r.yml", contents: rules)
        ])
        let event = Self.event(subject: "hello", body: String(repeating: "a", count: 28) + "!")
        let note = "/(a+)+$/ gave up: its match budget was spent"

        let matches = ruleSet.decide(event)
        #expect(matches.trace.map(\.rule) == ["first", "stuck", "rescued", "last"])
        #expect(matches.trace.map(\.result) == [.matched, .notMatched, .matched, .matched])
        #expect(matches.trace[1].failedCondition == note)
        #expect(matches.trace[2].failedCondition == nil)

        let full = ruleSet.decide(event, trace: .full)
        #expect(full.trace.map(\.rule) == ["first", "stuck", "rescued", "last"])
        #expect(full.trace[1].failedCondition == "body matches /(a+)+$/; " + note)
        #expect(full.outcome == matches.outcome)
        #expect(full.draft?.tags == ["a", "c"])
    }
}
