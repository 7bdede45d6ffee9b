import Foundation
import TicketGateCore
import TicketGateInbound
import TicketGateRules

/// `ticketgate test`: runs case files through the rules and compares each decision with what the case expects.
package enum RulesTester {
    /// The report's lines, and whether any case failed or any file could not be read.
    package static func run(rulesDirectory: String, environment: [String: String], caseFiles: [String]) async throws -> (
        lines: [String], failed: Bool
    ) {
        var cases: [RulesTestCase] = []
        var lines: [String] = []
        for path in caseFiles {
            guard let data = FileManager.default.contents(atPath: path) else {
                return (["\(path):1:1: error: cannot read this file"], true)
            }
            do {
                cases += try RulesTestFile.parse(RulesFile(path: path, contents: String(decoding: data, as: UTF8.self)))
            } catch {
                return (error.problems.map(\.description), true)
            }
        }
        var failures = 0
        try await OfflineRules.with(directory: rulesDirectory, environment: environment) { offline in
            for testCase in cases {
                let differences = try check(testCase, with: offline)
                lines.append((differences.isEmpty ? "ok   " : "FAIL ") + "\(testCase.location) \(testCase.name)")
                lines += differences.map { "     \($0)" }
                if !differences.isEmpty { failures += 1 }
            }
        }
        lines.append("\(cases.count - failures) passed, \(failures) failed")
        return (lines, failures > 0)
    }

    /// `test --update`: each case's `expect:` rewritten to what the rules decide now, the rest of each file left as
    /// written. A case whose event the source refuses is left alone and reported.
    package static func update(rulesDirectory: String, environment: [String: String], caseFiles: [String]) async throws -> (
        lines: [String], failed: Bool
    ) {
        var lines: [String] = []
        var failed = false
        try await OfflineRules.with(directory: rulesDirectory, environment: environment) { offline in
            for path in caseFiles {
                guard let data = FileManager.default.contents(atPath: path) else {
                    lines.append("\(path):1:1: error: cannot read this file")
                    failed = true
                    continue
                }
                let text = String(decoding: data, as: UTF8.self)
                let cases: [RulesTestCase]
                do throws(RulesLoadError) {
                    cases = try RulesTestFile.parse(RulesFile(path: path, contents: text))
                } catch {
                    lines += error.problems.map(\.description)
                    failed = true
                    continue
                }
                var decided: [(testCase: RulesTestCase, decision: Decision)] = []
                for testCase in cases {
                    switch try decide(testCase, with: offline) {
                    case .success(let decision): decided.append((testCase, decision))
                    case .failure(let refusal):
                        lines.append("left  \(testCase.location) \(testCase.name): \(refusal.description)")
                        failed = true
                    }
                }
                let updated = GoldenCases.update(text, decided: decided)
                if updated != text {
                    try Data(updated.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
                }
                lines.append("\(path): \(decided.count) \(decided.count == 1 ? "case" : "cases") written as the rules decide now")
            }
        }
        return (lines, failed)
    }

    /// What differs between the case's expectation and the decision, one line each.
    static func check(_ testCase: RulesTestCase, with offline: OfflineRules) throws -> [String] {
        switch try decide(testCase, with: offline) {
        case .success(let decision): Comparison(expect: testCase.expect, decision: decision).differences
        case .failure(let refusal): [refusal.description]
        }
    }

    /// Why a case's event gets no decision: its source refuses it.
    struct Refusal: Error, CustomStringConvertible {
        let description: String
    }

    /// The decision for the case's event, as the rules make it when the event arrives at the case's time.
    static func decide(_ testCase: RulesTestCase, with offline: OfflineRules) throws -> Result<Decision, Refusal> {
        var headers = testCase.headers
        if let contentType = testCase.contentType { headers.append(("Content-Type", contentType)) }
        do {
            let received = try offline.receive(
                source: testCase.source, body: try body(of: testCase), headers: headers, verifying: false, receivedAt: testCase.receivedAt ?? Date())
            return .success(offline.rules.ruleSet.decide(received.event))
        } catch let error as InboundError {
            return .failure(Refusal(description: "the event is refused: \(error.check): \(error.detail)"))
        }
    }

    private static func body(of testCase: RulesTestCase) throws -> Data {
        switch testCase.body {
        case .json(let value): return try JSONEncoder().encode(value)
        case .text(let text): return Data(text.utf8)
        case .file(let path):
            guard let data = FileManager.default.contents(atPath: path) else { throw StartupError("\(testCase.location): cannot read \(path)") }
            return data
        }
    }
}

/// Compares a decision with an expectation, field by field.
struct Comparison {
    let expect: RulesTestCase.Expectation
    let decision: Decision

    var differences: [String] {
        var lines: [String] = []
        let draft = decision.draft
        func compare(_ name: String, _ expected: String?, _ actual: String?) {
            guard let expected, expected != (actual ?? "none") else { return }
            lines.append("\(name): expected \(expected), got \(actual ?? "none")")
        }
        if let dropped = expect.dropped {
            let actual: String? = if case .drop(_, let reason) = decision.outcome { reason } else { nil }
            switch dropped {
            case .flag(let wanted) where wanted != (actual != nil):
                lines.append("dropped: expected \(wanted), got \(actual.map { "true (\($0))" } ?? "false")")
            case .reason(let reason) where reason != actual:
                lines.append("dropped: expected \"\(reason)\", got \(actual.map { "\"\($0)\"" } ?? "not dropped")")
            default:
                break
            }
        }
        compare("destination", expect.destination, draft?.destination ?? Self.outcomeName(decision.outcome))
        compare("brand", expect.brand.map(String.init), draft?.brand.map(String.init))
        compare("assignee", expect.assignee.map(Self.list), (draft?.assigneeRotation?.pool ?? draft?.assignee.map { [$0] }).map(Self.list))
        if let tags = expect.tags, Set(tags) != Set(draft?.tags ?? []) {
            lines.append("tags: expected \(Self.list(tags)), got \(Self.list(draft?.tags ?? []))")
        }
        compare("staff_only", expect.staffOnly.map(String.init), draft.map { String($0.staffOnly) })
        compare("rules", expect.rules.map(Self.list), Self.list(decision.matchedRules))
        compare("subject", expect.subject, draft?.subject)
        compare("reply_to", expect.replyTo, draft?.replyTo)
        return lines
    }

    private static func outcomeName(_ outcome: Decision.Outcome) -> String? {
        switch outcome {
        case .deliver: nil
        case .drop: "(dropped)"
        case .unrouted: "(not delivered)"
        }
    }

    private static func list<T>(_ values: [T]) -> String {
        "[" + values.map { "\($0)" }.joined(separator: ", ") + "]"
    }
}
