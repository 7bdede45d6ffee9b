import Foundation
import TicketGateCore

/// A regular expression compiled once when the rules load. Matching reads at most `inputLimit` UTF-16 units
/// of a value, and the engine gets a budget of work per search, so neither a long body nor a pattern that
/// backtracks without end (`(a+)+$`) can make one rule slow: a search that spends its budget gives up, and
/// counts as no match. A value shorter than any match, or without the literal text every match contains, is
/// refused without running the engine.
struct Pattern: @unchecked Sendable, Equatable, CustomStringConvertible {
    /// The most of a value a pattern looks at.
    static let inputLimit = 10_000
    /// The engine reports progress at each position it starts a match from, and about every 10,000 steps of
    /// a match; a search may take this many reports beyond one per position (about half a million steps, a
    /// few tens of milliseconds) before it gives up.
    static let progressBudget = 50

    /// What a search found.
    enum Search: Equatable {
        case match(NSRange)
        case noMatch
        /// The engine spent the search's budget before it could say.
        case budgetSpent
    }

    let source: String
    // NSRegularExpression is immutable and documented as safe to use from several threads at once.
    private let regex: NSRegularExpression
    /// The fewest UTF-16 units a match spans: shorter values are refused without running the regex.
    let minimumLength: Int
    /// Bytes every match contains, for a byte search before the regex runs.
    let requiredLiteral: [UInt8]?

    /// Compiles `source`, or throws with the compiler's reason.
    init(_ source: String) throws {
        self.source = source
        self.regex = try NSRegularExpression(pattern: source)
        self.minimumLength = MinimumMatchLength.of(source)
        self.requiredLiteral = RequiredLiteral.find(in: source)
    }

    var description: String { source }

    /// Whether the pattern matches somewhere in `text`, or gave up trying.
    func search(_ text: String) -> Search {
        guard let range = searchRange(in: text) else { return .noMatch }
        if let literal = requiredLiteral {
            var text = text
            let present = text.withUTF8 { bytes in literal.withUnsafeBufferPointer { ByteSearch.contains(bytes, $0) } }
            guard present else { return .noMatch }
        }
        return firstMatch(in: text, range: range, group: 0)
    }

    func matches(_ text: String) -> Bool {
        if case .match = search(text) { true } else { false }
    }

    /// The first capture group of the first match, or the whole match when the pattern has no group; `nil`
    /// also when the search gave up.
    func firstCapture(in text: String) -> String? {
        guard let searched = searchRange(in: text),
            case .match(let range) = firstMatch(in: text, range: searched, group: regex.numberOfCaptureGroups > 0 ? 1 : 0),
            range.location != NSNotFound, let bounds = Range(range, in: text)
        else { return nil }
        return String(text[bounds])
    }

    /// The range of `group` in the first match, within the budget.
    private func firstMatch(in text: String, range: NSRange, group: Int) -> Search {
        var outcome = Search.noMatch
        var reports = 0
        let allowance = range.length + Self.progressBudget
        regex.enumerateMatches(in: text, options: [.reportProgress], range: range) { result, _, stop in
            if let result {
                outcome = .match(result.range(at: group))
                stop.pointee = true
                return
            }
            reports += 1
            if reports > allowance {
                outcome = .budgetSpent
                stop.pointee = true
            }
        }
        return outcome
    }

    /// The part of `text` a match is looked for in, or `nil` when it is shorter than any match.
    private func searchRange(in text: String) -> NSRange? {
        let length = min(text.utf16.count, Self.inputLimit)
        return length >= minimumLength ? NSRange(location: 0, length: length) : nil
    }

    static func == (lhs: Pattern, rhs: Pattern) -> Bool { lhs.source == rhs.source }
}
