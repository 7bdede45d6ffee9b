import Foundation
import Testing

@testable import TicketGateInbound

/// A raw header block (SendGrid's `headers` field) read as Python's `email` parser reads it: one header per line,
/// `\r\n` or `\n`, continuation lines folded into the header before them, the first of a repeated header kept.
@Suite struct MailHeadersTests {
    static let names = ["Subject", "From", "Cc", "Message-Id", "In-Reply-To", "References", "X-Spam-Score", "X-Custom"]
    static let words = ["a", "Re:", "<m1@x.example>", "jane@example.com", "\"Doe, Jane\"", "é", "😀", "=?UTF-8?Q?x?=", "1.5", ":", "(x)"]

    @Test func agreesWithPythonsHeaderParserOnGeneratedBlocks() async throws {
        let seed = try TestSeed.next()
        var random = SeededRandom(seed: seed)
        let blocks = (0..<400).map { _ in Self.block(using: &random) }
        // A folded value is its lines, each trimmed of spaces and tabs, joined by one space.
        let expected = try await PythonReference.run(
            """
            import json, sys
            from email import policy
            from email.parser import HeaderParser
            names = \(String(decoding: try JSONEncoder().encode(Self.names), as: UTF8.self))
            answers = []
            for block in json.load(sys.stdin):
                message = HeaderParser(policy=policy.compat32).parsestr(block)
                answer = {}
                for name in names:
                    value = message.get(name)
                    if value is not None:
                        answer[name] = " ".join(line.strip(" \\t\\r") for line in value.split("\\n"))
                answers.append(answer)
            print(json.dumps(answers))
            """, input: blocks, as: [[String: String]].self)
        for (block, expected) in zip(blocks, expected) {
            let headers = MailHeaders(block: block)
            var parsed: [String: String] = [:]
            for name in Self.names { parsed[name] = headers[name] }
            #expect(parsed == expected, "\(seed): \(block.debugDescription)")
        }
    }

    @Test func foldedReferencesGiveEachID() {
        let headers = MailHeaders(block: "Subject: Re: order\r\nReferences: <a@x>\r\n\t<b@y>\r\n  <c@z>\r\nsubject: second\r\n")
        #expect(headers["SUBJECT"] == "Re: order")
        #expect(headers.threadKeys.references == ["a@x", "b@y", "c@z"])
    }

    /// Headers with names from `names` in any case (some repeated), values of words, some folded onto
    /// continuation lines that start with spaces or a tab; one line ending throughout.
    static func block(using random: inout SeededRandom) -> String {
        let newline = Bool.random(using: &random) ? "\r\n" : "\n"
        var lines: [String] = []
        for _ in 0..<Int.random(in: 1...6, using: &random) {
            let name = names.randomElement(using: &random)!
            let cased = Int.random(in: 0..<3, using: &random) == 0 ? name.uppercased() : name
            var value = ""
            for index in 0..<Int.random(in: 0...6, using: &random) {
                if index > 0 {
                    value += Int.random(in: 0..<4, using: &random) == 0 ? newline + [" ", "\t", "   "].randomElement(using: &random)! : " "
                }
                value += words.randomElement(using: &random)!
            }
            lines.append("\(cased):" + (Bool.random(using: &random) ? " " : "") + value)
        }
        return lines.joined(separator: newline) + newline
    }
}
