import Foundation
import TicketGateCore

/// A regular expression compiled once when the rules load. Matching reads at most `inputLimit` UTF-16 units
/// of a value, and every search of a decision draws on one `PatternBudget`, so neither a long body nor a
/// pattern that backtracks without end (`(a+)+$`) can make a decision slow: a search that runs out gives up,
/// and counts as no match. A value shorter than any match, or without the literal text every match contains, is
/// refused without running the engine. Back references are refused when the rules load: ICU compares one in a
/// single step, so a search could go a long way between two of the reports the budget is checked at.
struct Pattern: @unchecked Sendable, Equatable, CustomStringConvertible {
    /// The most of a value a pattern looks at.
    static let inputLimit = 10_000

    /// What a search found.
    enum Search: Equatable {
        case match(NSRange)
        case noMatch
        /// The search ran out of the decision's budget before it could say.
        case budgetSpent
    }

    /// Why a pattern that compiles is not taken.
    struct Refusal: Error, CustomStringConvertible {
        let description: String
    }

    let source: String
    // NSRegularExpression is immutable and documented as safe to use from several threads at once.
    private let regex: NSRegularExpression
    /// The fewest UTF-16 units a match spans: shorter values are refused without running the regex.
    let minimumLength: Int
    /// Bytes every match contains, for a byte search before the regex runs.
    let requiredLiteral: [UInt8]?

    /// Compiles `source`, or throws with the compiler's reason or a `Refusal`.
    init(_ source: String) throws {
        self.source = source
        self.regex = try NSRegularExpression(pattern: source)
        if Self.hasBackReference(source) {
            throw Refusal(description: "uses a back reference (\\1, \\k<name>), whose cost a search cannot bound")
        }
        self.minimumLength = MinimumMatchLength.of(source)
        self.requiredLiteral = RequiredLiteral.find(in: source)
    }

    var description: String { source }

    /// Whether the pattern matches somewhere in `text`, or gave up trying on `budget`.
    func search(_ text: String, budget: PatternBudget) -> Search {
        guard let range = searchRange(in: text) else { return .noMatch }
        if let literal = requiredLiteral {
            var text = text
            let present = text.withUTF8 { bytes in literal.withUnsafeBufferPointer { ByteSearch.contains(bytes, $0) } }
            guard present else { return .noMatch }
        }
        return firstMatch(in: text, range: range, group: 0, budget: budget)
    }

    /// A search with a budget of its own, a whole decision's.
    func search(_ text: String) -> Search {
        search(text, budget: PatternBudget())
    }

    func matches(_ text: String) -> Bool {
        if case .match = search(text) { true } else { false }
    }

    /// The first capture group of the first match, or the whole match when the pattern has no group; `nil`
    /// also when the search gave up on `budget`.
    func firstCapture(in text: String, budget: PatternBudget) -> String? {
        guard let searched = searchRange(in: text),
            case .match(let range) = firstMatch(
                in: text, range: searched, group: regex.numberOfCaptureGroups > 0 ? 1 : 0, budget: budget),
            range.location != NSNotFound, let bounds = Range(range, in: text)
        else { return nil }
        return String(text[bounds])
    }

    /// The first capture of a search with a budget of its own.
    func firstCapture(in text: String) -> String? {
        firstCapture(in: text, budget: PatternBudget())
    }

    /// The range of `group` in the first match, within the budget: each progress report is one of the search's
    /// start positions or, beyond as many reports as it has positions, drawn from the decision's extra reports.
    private func firstMatch(in text: String, range: NSRange, group: Int, budget: PatternBudget) -> Search {
        guard budget.startSearch() else { return .budgetSpent }
        var outcome = Search.noMatch
        var reports = 0
        let positions = range.length + 1
        regex.enumerateMatches(in: text, options: [.reportProgress], range: range) { result, _, stop in
            if let result {
                outcome = .match(result.range(at: group))
                stop.pointee = true
                return
            }
            reports += 1
            // Most reports are positions, between two readings of the clock: nothing to ask.
            let beyondPositions = reports > positions
            guard beyondPositions || reports.isMultiple(of: PatternBudget.clockInterval) else { return }
            if !budget.allows(beyondPositions: beyondPositions) {
                outcome = .budgetSpent
                stop.pointee = true
            }
        }
        budget.count(reports)
        return outcome
    }

    /// The part of `text` a match is looked for in, or `nil` when it is shorter than any match.
    private func searchRange(in text: String) -> NSRange? {
        let length = min(text.utf16.count, Self.inputLimit)
        return length >= minimumLength ? NSRange(location: 0, length: length) : nil
    }

    /// Whether `source` refers back to a group, `\1` to `\9…` or `\k<name>`, outside `\Q…\E`.
    static func hasBackReference(_ source: String) -> Bool {
        let scalars = Array(source.unicodeScalars)
        var index = 0
        var quoting = false
        while index + 1 < scalars.count {
            defer { index += 1 }
            guard scalars[index] == "\\" else { continue }
            let escaped = scalars[index + 1]
            if quoting {
                // Only `\E` ends a quote; any other backslash in it is a character.
                if escaped == "E" { quoting = false } else { continue }
            } else if escaped == "Q" {
                quoting = true
            } else if ("1"..."9").contains(escaped) || escaped == "k" {
                return true
            }
            index += 1
        }
        return false
    }

    static func == (lhs: Pattern, rhs: Pattern) -> Bool { lhs.source == rhs.source }
}
