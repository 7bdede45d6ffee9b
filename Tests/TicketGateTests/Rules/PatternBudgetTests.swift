import Foundation
import Testing
import TicketGateCore
import TicketGateInbound
import TicketGateVendors

@testable import TicketGateRules

/// Every regular-expression search of one decision shares one budget: engine steps beyond one report per start
/// position, counted the same way on every run, and the thread's CPU time as a backstop. Searches that run out
/// count as no match and the trace names their rule; ordinary patterns still match. The CPU clock is a stand-in
/// here that advances a fixed step at each reading, so no test depends on how fast the machine is.
@Suite struct PatternBudgetTests {
    static let backtracking = [#"(a+)+$"#, #"(a|aa)+$"#, #"(a*)*b"#, #"(\w+\s?)*$"#]

    /// Clocks that advance `step` nanoseconds at each reading; `step` zero never reaches the CPU limit.
    static func clocks(step: UInt64) -> PatternBudget.Clocks {
        var now: UInt64 = 0
        let read = {
            now += step
            return now
        }
        return PatternBudget.Clocks(wall: read, cpu: read)
    }

    static func ruleSet(_ rules: [String]) throws -> RuleSet {
        try RulesLoader(environment: [:], formats: InboundFormats.supported, vendors: VendorRegistry.profiles).load([
            RulesFile(
                path: "r.yml",
                contents: "destinations:\n  spp: { vendor: spp, url: \"https://a.example\" }\nrules:\n" + rules.joined(separator: "\n") + "\n")
        ])
    }

    /// One rule per pattern, each on the body, each going on to the next.
    static func matching(_ patterns: [String]) -> [String] {
        patterns.enumerated().map { index, pattern in
            let quoted = pattern.replacingOccurrences(of: "\\", with: "\\\\")
            return "  - { name: p\(index), when: { body: { matches: \"\(quoted)\" } }, set: { tags: [t\(index)] }, continue: true }"
        }
    }

    static func event(body: String, subject: String = "Hello") -> InboundEvent {
        InboundEvent(
            id: EventID(rawValue: "e"), source: "web", kind: .form, format: "generic", receivedAt: Date(), sender: Party(email: "jane@example.com"),
            subject: subject, text: body)
    }

    static func gaveUp(_ decision: Decision) -> [String] {
        decision.trace.filter { $0.failedCondition?.contains("gave up: its match budget was spent") == true }.map(\.rule)
    }

    /// Four patterns that backtrack without end on a 41-character body: each gives up, and together they take
    /// one report per start position each (and the one each gave up at) and the decision's extra reports, not an
    /// allowance each.
    @Test func backtrackingPatternsShareTheDecisionsSteps() throws {
        let rules = try Self.ruleSet(Self.matching(Self.backtracking) + ["  - { name: last, set: { destination: spp } }"])
        let budget = PatternBudget(clocks: Self.clocks(step: 0))
        let decision = rules.decide(Self.event(body: String(repeating: "a", count: 40) + "!"), budget: budget)
        #expect(Self.gaveUp(decision) == ["p0", "p1", "p2", "p3"])
        #expect(decision.matchedRules == ["last"])
        #expect(budget.extraReportsLeft == 0)
        #expect(budget.reports <= 4 * (42 + 1) + PatternBudget.extraReports, "\(budget.reports) reports")
        #expect(!budget.isSpent)
    }

    /// The steps are counted, not timed: the same event gives up after the same number of reports every time.
    @Test func theStepsAreTheSameOnEveryRun() throws {
        let rules = try Self.ruleSet(Self.matching(Self.backtracking))
        let counts = (0..<3).map { _ in
            let budget = PatternBudget(clocks: Self.clocks(step: 0))
            _ = rules.decide(Self.event(body: String(repeating: "a", count: 30) + "!"), budget: budget)
            return budget.reports
        }
        #expect(Set(counts).count == 1, "\(counts)")
    }

    /// `(a+)+$` on a 10,000-character body starts no match it can finish: the CPU time, not the steps, stops it,
    /// after the few reports the clock allows; later searches give up at once, and the trace names both rules.
    @Test func aSearchThatOutlastsTheCPUTimeGivesUpAndSoDoLaterOnes() throws {
        let rules = try Self.ruleSet(Self.matching([#"(a+)+$"#, #"(?i)\bREFUND\b"#]))
        let budget = PatternBudget(clocks: Self.clocks(step: 1_000_000))
        let decision = rules.decide(Self.event(body: String(repeating: "a", count: 9_999) + "! refund"), budget: budget)
        #expect(Self.gaveUp(decision) == ["p0", "p1"])
        #expect(budget.isSpent)
        // 40 ms on a clock that moves 1 ms at each reading, read every 16 reports: some 650 reports, where the
        // search alone would take more than 10,000.
        #expect(budget.reports < 45 * PatternBudget.clockInterval, "\(budget.reports) reports")
    }

    /// The finding itself, on the real clocks: the rule does not match and its pattern is named.
    @Test func aBacktrackingPatternOnALongBodyGivesUp() throws {
        let rules = try Self.ruleSet(Self.matching([#"(a+)+$"#]))
        let budget = PatternBudget()
        let decision = rules.decide(Self.event(body: String(repeating: "a", count: 9_999) + "!"), budget: budget)
        #expect(Self.gaveUp(decision) == ["p0"])
        #expect(budget.isSpent || budget.extraReportsLeft == 0)
    }

    /// Positions cost nothing from the shared steps: after the backtracking patterns have used them up, an
    /// ordinary pattern still searches the whole of a 10,000-character body and matches at its end.
    @Test func anOrdinaryPatternStillMatchesAfterTheStepsAreUsedUp() throws {
        let rules = try Self.ruleSet(
            Self.matching(Self.backtracking) + [
                #"  - { name: words, when: { subject: { matches: "(?i)\\b(refund|chargeback)\\b" } }, set: { tags: [w] }, continue: true }"#,
                #"  - { name: digits, when: { body: { matches: "\\b\\d{6}\\b" } }, set: { tags: [d] }, continue: true }"#,
            ])
        let budget = PatternBudget(clocks: Self.clocks(step: 0))
        let subject = String(repeating: "x ", count: 4_990) + "Refund"
        let decision = rules.decide(Self.event(body: String(repeating: "a", count: 40) + "! 123456", subject: subject), budget: budget)
        #expect(budget.extraReportsLeft == 0)
        #expect(decision.matchedRules == ["words", "digits"])
    }

    @Test func anOrdinaryPatternMatchesOnTheRealClocks() throws {
        let rules = try Self.ruleSet(Self.matching([#"(?i)\b(refund|chargeback)\b"#, #"^\S+@\S+$"#]))
        let decision = rules.decide(Self.event(body: String(repeating: "Lorem ipsum dolor sit amet. ", count: 350) + "CHARGEBACK"))
        #expect(decision.matchedRules == ["p0"])
        #expect(Self.gaveUp(decision) == [])
    }

    /// A ticket reference captured by a pattern draws on the same budget: once the conditions have spent it, the
    /// capture gives up and the draft has no reference.
    @Test func ticketReferencesShareTheBudget() throws {
        let rules = try Self.ruleSet(
            Self.matching([#"(a+)+$"#]) + [#"  - { name: reply, set: { destination: spp, reply_to: { field: subject, pattern: "\\[#(\\d+)\\]" } } }"#]
        )
        let event = Self.event(body: String(repeating: "a", count: 9_999) + "!", subject: "Re: [#123] slow")
        let spent = PatternBudget(clocks: Self.clocks(step: 1_000_000))
        #expect(rules.decide(event, budget: spent).draft?.replyTo == nil)
        #expect(spent.isSpent)
        let fresh = try Self.ruleSet([#"  - { name: reply, set: { destination: spp, reply_to: { field: subject, pattern: "\\[#(\\d+)\\]" } } }"#])
        #expect(fresh.decide(event).draft?.replyTo == "123")
    }

    /// A back reference is compared in one engine step, so no budget checked between steps can bound it: the
    /// loader refuses it where it is written.
    @Test(arguments: [#"(a+)\\1"#, #"(?<w>\\w+) \\k<w>"#, #"(?i)(.*)\\1x"#])
    func backReferencesAreRefused(pattern: String) {
        let problems = RulesLoader(environment: [:], formats: InboundFormats.supported, vendors: VendorRegistry.profiles)
            .compile([RulesFile(path: "r.yml", contents: "rules:\n  - { name: r, when: { body: { matches: \"\(pattern)\" } }, drop: x }\n")]).1
            .map(\.description)
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("r.yml:2:") == true)
        #expect(problems.first?.contains("uses a back reference (\\1, \\k<name>), whose cost a search cannot bound") == true, "\(problems)")
    }

    @Test(arguments: [
        (#"\\1"#, false), (#"\Q\1\E"#, false), (#"\Q\\E\1"#, true), (#"\\\1"#, true), (#"[\1]"#, true), (#"\01"#, false), (#"\k<n>"#, true),
        (#"\Qa\\E"#, false),
    ])
    func backReferencesAreFoundOutsideQuotes(source: String, found: Bool) {
        #expect(Pattern.hasBackReference(source) == found)
    }
}
