import Foundation

/// Text as the event search compares it, the same on both stores and whatever the database's locale: Unicode
/// case folding (`Straße` and `STRASSE`, `Иванов` and `иванов` are one) and canonical composition (an accent
/// typed as a separate mark matches the accented letter). Each event keeps its sender's address, its sender's
/// name and its subject folded in one column, separated by U+001F; a search matches when the folded needle is
/// part of one of them.
package enum SearchText {
    /// What separates the fields in the column; a control character, which no folded field or needle holds.
    static let separator: Character = "\u{1F}"

    /// The column an event is searched by.
    package static func column(senderEmail: String?, senderName: String?, subject: String?) -> String {
        [senderEmail, senderName, subject].map { folded($0 ?? "") }.joined(separator: String(separator))
    }

    /// `text` folded, with every control character (U+0000 and the separator among them) a space.
    package static func folded(_ text: String) -> String {
        let plain = String(
            String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }))
        return plain.folding(options: [.caseInsensitive], locale: nil).precomposedStringWithCanonicalMapping
    }

    /// The `LIKE` pattern (escaped with `\`, as `LikePattern` writes it) that finds `needle` in the column.
    package static func pattern(for needle: String) -> String {
        LikePattern.containing(folded(needle))
    }
}
