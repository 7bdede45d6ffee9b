import Foundation
import TicketGateCore

/// `ticketgate test --update`: each case's `expect:` rewritten to what the rules decide now (the destination or
/// the drop, brand, assignee, tags, visibility and the rules that matched), written on one line in flow style.
/// Every other line of the file stays as written, comments included.
package enum GoldenCases {
    /// `text` (a case file) with the `expect:` of each case in `decided` replaced by `expectation(for:)`.
    package static func update(_ text: String, decided: [(testCase: RulesTestCase, decision: Decision)]) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // From the last case up, so that replacing a span does not move the ones still to replace.
        let ordered = decided.filter { $0.testCase.expectKey != nil }.sorted {
            ($0.testCase.expectKey?.line ?? 0) > ($1.testCase.expectKey?.line ?? 0)
        }
        for (testCase, decision) in ordered {
            guard let key = testCase.expectKey, key.line >= 1, key.line <= lines.count else { continue }
            let keyIndex = key.line - 1
            let indentation = key.column - 1
            // The value's lines: up to the next line that is written at the key's indentation or less.
            var end = keyIndex + 1
            while end < lines.count {
                let line = lines[end]
                let content = line.drop { $0 == " " }
                if !content.isEmpty, !content.hasPrefix("#"), line.count - content.count <= indentation { break }
                end += 1
            }
            // Blank and comment lines before the next key stay.
            while end > keyIndex + 1, lines[end - 1].drop(while: { $0 == " " }).isEmpty || lines[end - 1].drop(while: { $0 == " " }).hasPrefix("#") {
                end -= 1
            }
            let prefix = String(lines[keyIndex].prefix(indentation))
            lines.replaceSubrange(keyIndex..<end, with: [prefix + "expect: " + expectation(for: decision)])
        }
        return lines.joined(separator: "\n")
    }

    /// The decision as an `expect:` value: `{ destination: spp, tags: [inbound, billing], assignee: 17, staff_only: false, rules: [billing] }`.
    package static func expectation(for decision: Decision) -> String {
        var entries: [String] = []
        switch decision.outcome {
        case .deliver(let draft):
            entries.append("destination: \(scalar(draft.destination))")
            if let brand = draft.brand { entries.append("brand: \(brand)") }
            if let pool = draft.assigneeRotation?.pool {
                entries.append("assignee: [\(pool.map(String.init).joined(separator: ", "))]")
            } else if let assignee = draft.assignee {
                entries.append("assignee: \(assignee)")
            }
            entries.append("tags: [\(draft.tags.map(scalar).joined(separator: ", "))]")
            entries.append("staff_only: \(draft.staffOnly)")
            if let replyTo = draft.replyTo { entries.append("reply_to: \(scalar(replyTo))") }
        case .drop(_, let reason):
            entries.append("dropped: \(scalar(reason))")
        case .unrouted:
            entries.append("destination: \(scalar("(not delivered)"))")
        }
        entries.append("rules: [\(decision.matchedRules.map(scalar).joined(separator: ", "))]")
        return "{ " + entries.joined(separator: ", ") + " }"
    }

    /// `text` as a YAML scalar in a flow mapping: plain when it starts with a letter and holds only letters, digits
    /// and `_-./@` (and is not a word YAML reads as a boolean or null), otherwise double-quoted as JSON writes it
    /// (JSON strings are YAML strings). `GoldenCasesTests` reads generated texts back through Yams.
    static func scalar(_ text: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./@")
        let reserved = ["true", "false", "yes", "no", "on", "off", "null", "y", "n"].contains(text.lowercased())
        if let first = text.first, first.isASCII, first.isLetter, text.allSatisfy(allowed.contains), !reserved { return text }
        let encoded = (try? JSONEncoder().encode(text)).map { String(decoding: $0, as: UTF8.self) }
        return encoded ?? "\"\""
    }
}
