import Foundation
import TicketGateCore

/// The headers of an email, from a raw header block (SendGrid) or from name/value pairs (Mailgun, Postmark).
/// A header is looked up by its lowercased name in an index made once, so a message with a million header lines
/// costs one pass, not one per lookup.
struct MailHeaders: Sendable {
    /// The most `References` ids an event keeps, the newest: enough to find any conversation a reply belongs to.
    static let maximumReferences = 100
    /// The longest message id kept; RFC 5322 holds a header line to 998 characters.
    static let maximumMessageIDLength = 998

    /// The first value of each header, by lowercased name.
    private let firstValues: [String: String]

    init(pairs: [(name: String, value: String)]) {
        var firstValues: [String: String] = [:]
        for (name, value) in pairs where firstValues[name.lowercased()] == nil {
            firstValues[name.lowercased()] = value
        }
        self.firstValues = firstValues
    }

    /// The most of a raw header block that is read: real messages' headers are a few kilobytes.
    static let maximumBlockBytes = 1 << 20

    /// Parses a raw RFC 5322 header block, up to `maximumBlockBytes`: one header per line (`\r\n` or `\n`),
    /// continuation lines (starting with a space or a tab) folded into the header before them.
    init(block: String) {
        var pairs: [(name: String, value: String)] = []
        for rawLine in block.utf8.prefix(Self.maximumBlockBytes).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            let line = rawLine.last == UInt8(ascii: "\r") ? rawLine.dropLast() : rawLine[...]
            if let first = line.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") {
                if !pairs.isEmpty {
                    pairs[pairs.count - 1].value += " " + String(decoding: line, as: UTF8.self).trimmingSpaces
                }
                continue
            }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { continue }
            let name = String(decoding: line[..<colon], as: UTF8.self).trimmingSpaces
            guard !name.isEmpty else { continue }
            pairs.append((name, String(decoding: line[line.index(after: colon)...], as: UTF8.self).trimmingSpaces))
        }
        self.init(pairs: pairs)
    }

    /// The first value of header `name`, ignoring case.
    subscript(name: String) -> String? {
        firstValues[name.lowercased()]
    }

    /// `Message-Id`, `In-Reply-To` and `References`, without angle brackets.
    var threadKeys: ThreadKeys {
        ThreadKeys(
            messageID: self["Message-Id"].flatMap { Self.messageIDs(in: $0).first },
            inReplyTo: self["In-Reply-To"].flatMap { Self.messageIDs(in: $0).first },
            references: self["References"].map { Array(Self.messageIDs(in: Self.newest($0)).suffix(Self.maximumReferences)) } ?? []
        )
    }

    /// The end of a `References` value that can hold the newest `maximumReferences` ids, from the first `<`
    /// in it: the ids before that are past what is kept, however long the header is.
    static func newest(_ references: String) -> String {
        let room = maximumReferences * (maximumMessageIDLength + 3)
        let bytes = references.utf8
        guard bytes.count > room else { return references }
        let tail = bytes.suffix(room)
        return String(decoding: tail[(tail.firstIndex(of: UInt8(ascii: "<")) ?? tail.startIndex)...], as: UTF8.self)
    }

    /// The message ids of a header such as `References: <a@x> <b@y>`; a bare id without brackets counts too.
    /// Ids longer than `maximumMessageIDLength` are left out.
    static func messageIDs(in value: String) -> [String] {
        let bytes = value.utf8
        var ids: [String] = []
        var rest = bytes[...]
        while let open = rest.firstIndex(of: UInt8(ascii: "<")), let close = rest[open...].firstIndex(of: UInt8(ascii: ">")) {
            let id = String(decoding: rest[rest.index(after: open)..<close], as: UTF8.self).trimmingSpaces
            if !id.isEmpty { ids.append(id) }
            rest = rest[rest.index(after: close)...]
        }
        if ids.isEmpty {
            ids = value.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init).filter { $0.contains("@") }
        }
        return ids.filter { $0.utf8.count <= maximumMessageIDLength }
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
