import Foundation
import TicketGateCore

/// The headers of an email, from a raw header block (SendGrid) or from name/value pairs (Mailgun, Postmark).
struct MailHeaders: Sendable {
    private(set) var pairs: [(name: String, value: String)]

    init(pairs: [(name: String, value: String)]) {
        self.pairs = pairs
    }

    /// Parses a raw RFC 5322 header block: one header per line, continuation lines (starting with a space or a
    /// tab) folded into the header before them.
    init(block: String) {
        var pairs: [(name: String, value: String)] = []
        for line in block.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false) {
            if let first = line.first, first == " " || first == "\t" {
                if !pairs.isEmpty {
                    pairs[pairs.count - 1].value += " " + line.trimmingCharacters(in: .whitespaces)
                }
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { continue }
            pairs.append((name, line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        self.pairs = pairs
    }

    /// The first value of header `name`, ignoring case.
    subscript(name: String) -> String? {
        pairs.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// `Message-Id`, `In-Reply-To` and `References`, without angle brackets.
    var threadKeys: ThreadKeys {
        ThreadKeys(
            messageID: self["Message-Id"].flatMap { Self.messageIDs(in: $0).first },
            inReplyTo: self["In-Reply-To"].flatMap { Self.messageIDs(in: $0).first },
            references: self["References"].map(Self.messageIDs(in:)) ?? []
        )
    }

    /// The message ids of a header such as `References: <a@x> <b@y>`; a bare id without brackets counts too.
    static func messageIDs(in value: String) -> [String] {
        var ids: [String] = []
        var rest = Substring(value)
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            let id = rest[rest.index(after: open)..<close].trimmingCharacters(in: .whitespaces)
            if !id.isEmpty { ids.append(id) }
            rest = rest[rest.index(after: close)...]
        }
        if ids.isEmpty {
            ids = value.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init).filter { $0.contains("@") }
        }
        return ids
    }

    /// The addresses of the `Cc` header, or `nil` when there is none.
    var cc: [String]? {
        let addresses = self["Cc"].map { EmailAddress.parseList($0).map(\.email) } ?? []
        return addresses.isEmpty ? nil : addresses
    }

    /// What the common spam and authentication headers say.
    var signals: SpamSignals? {
        let status = self["X-Spam-Status"] ?? self["X-Mailgun-Sflag"] ?? self["X-Spam-Flag"]
        return SpamSignals(
            score: (self["X-Spam-Score"] ?? self["X-Mailgun-Sscore"]).flatMap { Double($0.trimmingCharacters(in: .whitespaces)) },
            verdict: status.map { $0.split(separator: ",").first.map(String.init) ?? $0 },
            spf: self["Received-SPF"].map { $0.split(separator: " ").first.map(String.init) ?? $0 },
            dkim: self["X-Mailgun-Dkim-Check-Result"],
            dmarc: nil
        ).nonEmpty
    }
}
