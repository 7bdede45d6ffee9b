import Foundation
import Testing
import TicketGateCore
import TicketGateInbound
import TicketGateRules
import TicketGateVendors

/// `decide` runs the rules' compiled program; `explain` (`trace: .full`) evaluates each rule's condition tree
/// to name the first condition that failed. Generated rule files × generated events: both must reach the same
/// outcome through the same matched rules, and explain must say why each other rule did not match.
@Suite struct EvaluatorAgreementTests {
    /// Words the conditions look for and the events hold, so that about half the conditions hold.
    static let words = [
        "refund", "Refund", "RÉSUMÉ", "re\u{301}sume\u{301}", "invoice #1042", "outage", "zürich", "Zu\u{308}rich", "", "a b", "555-1234",
    ]
    /// What conditions look for: a rules file may not ask for empty text.
    static let needles = words.filter { !$0.isEmpty }
    static let textFields = ["subject", "body", "fields.plan", "headers.X-Priority", "sender.name"]

    static func pick<T>(_ values: [T], _ random: inout SeededRandom) -> T {
        values[Int(random.next() % UInt64(values.count))]
    }

    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// One leaf: a field and an operator, in the rules' YAML flow syntax.
    static func leaf(_ random: inout SeededRandom) -> String {
        let field = pick(textFields, &random)
        let word = quoted(pick(needles, &random))
        switch random.next() % 14 {
        case 0: return "{ \(field): \(word) }"
        case 1: return "{ \(field): { equals: \(word) } }"
        case 2: return "{ \(field): { in: [\(word), \(quoted(pick(needles, &random)))] } }"
        case 3: return "{ \(field): { contains: \(word) } }"
        case 4: return "{ \(field): { contains: [\(word), \(quoted(pick(needles, &random)))] } }"
        case 5: return "{ \(field): { starts_with: \(word) } }"
        case 6: return "{ \(field): { ends_with: \(word) } }"
        case 7: return "{ \(field): { exists: \(random.next() % 2 == 0) } }"
        case 8:
            let pattern = pick([#"\\d{3}-\\d{4}"#, "(?i)^refund", "^$", #"\\bre"#, "z(ü|u\u{308})rich", "#\\\\d+"], &random)
            return "{ \(field): { matches: \"\(pattern)\" } }"
        case 9: return "{ fields.seats: { \(pick(["gt", "gte", "lt", "lte"], &random)): \(Int(random.next() % 30) - 5) } }"
        case 10: return "{ sender.email: { domain: \(pick(["example.com", "EXAMPLE.org", "com", "ample.com"], &random)) } }"
        case 11: return "{ client.ip: { cidr: \(pick(["203.0.113.0/24", "10.0.0.0/8", "\"2001:db8::/32\"", "0.0.0.0/0"], &random)) } }"
        case 12: return "{ attachments.count: { \(pick(["gt", "lte"], &random)): \(random.next() % 3) } }"
        default: return "{ received_at: { within: { days: [\(pick(["mon-fri", "sat-sun", "fri-mon"], &random))], time_zone: UTC } } }"
        }
    }

    static func condition(_ random: inout SeededRandom, depth: Int) -> String {
        guard depth < 3, random.next() % 3 == 0 else { return leaf(&random) }
        let count = Int(random.next() % 4)
        let children = (0..<count).map { _ in condition(&random, depth: depth + 1) }.joined(separator: ", ")
        switch random.next() % 3 {
        case 0: return "{ all: [\(children)] }"
        case 1: return "{ any: [\(children)] }"
        default: return "{ not: \(condition(&random, depth: depth + 1)) }"
        }
    }

    static func rules(_ random: inout SeededRandom) -> String {
        var text = OperatorTests.header
        for index in 0..<Int(1 + random.next() % 12) {
            let action =
                random.next() % 10 == 0 ? "drop: reason \(index)" : "set: { tags: [t\(index)] }\n    continue: \(random.next() % 4 != 0)"
            text += "  - name: r\(index)\n    when: \(condition(&random, depth: 0))\n    \(action)\n"
        }
        return text
    }

    static func event(_ random: inout SeededRandom) -> InboundEvent {
        func maybe(_ value: String) -> String? { random.next() % 5 == 0 ? nil : value }
        func text() -> String { (0..<Int(random.next() % 3)).map { _ in pick(words, &random) }.joined(separator: " ") }
        var fields: [FormField] = []
        if let plan = maybe(text()) { fields.append(FormField(name: "plan", value: plan)) }
        if let seats = maybe(pick(["12", "-3", "0", "x", "1e1", " 7 ", "24.5"], &random)) { fields.append(FormField(name: "seats", value: seats)) }
        return InboundEvent(
            id: EventID(rawValue: "e"), source: "web", kind: .form, format: "generic",
            receivedAt: Date(timeIntervalSince1970: 1_795_255_200 + Double(random.next() % 14) * 43_200),
            sender: Party(email: maybe(pick(["jane@Example.COM", "bob@mail.example.org", "x@ample.co"], &random)), name: maybe(text())),
            subject: maybe(text()), text: maybe(text()), fields: fields,
            headers: maybe(text()).map { ["x-priority": $0] } ?? [:],
            clientIP: maybe(pick(["203.0.113.7", "10.1.2.3", "2001:db8::1", "198.51.100.1"], &random)),
            attachments: (0..<Int(random.next() % 3)).map { Attachment(name: "f\($0)", contentType: "text/plain", size: 1) }
        )
    }

    @Test func generatedRulesAndEventsDecideTheSameBothWays() throws {
        let seed = try TestSeed.next()
        var random = SeededRandom(seed: seed)
        recordingSeed(seed) {
            let loader = RulesLoader(environment: [:], formats: InboundFormats.supported, vendors: VendorRegistry.profiles)
            var compared = 0
            var matchedRules = 0
            var unmatchedRules = 0
            for _ in 0..<300 {
                let text = Self.rules(&random)
                let ruleSet = try loader.load([RulesFile(path: "r.yml", contents: text)])
                for _ in 0..<20 {
                    let event = Self.event(&random)
                    let decided = ruleSet.decide(event, trace: .matches)
                    let explained = ruleSet.decide(event, trace: .full)
                    #expect(decided.outcome == explained.outcome, "\(seed): the outcomes differ for\n\(text)\nevent \(event)")
                    #expect(decided.matchedRules == explained.matchedRules, "\(seed): the matched rules differ for\n\(text)\nevent \(event)")
                    for entry in explained.trace where entry.result == .notMatched {
                        #expect(entry.failedCondition != nil, "\(seed): \(entry.rule) did not match and explain does not say why")
                    }
                    compared += 1
                    matchedRules += decided.matchedRules.count
                    unmatchedRules += explained.trace.filter { $0.result == .notMatched }.count
                }
            }
            // The generator must make rules both match and not match often, or the comparison says little.
            #expect(compared == 6_000, "\(seed)")
            #expect(matchedRules > 3_000 && unmatchedRules > 3_000, "\(seed): \(matchedRules) matched, \(unmatchedRules) not")
        }
    }
}
