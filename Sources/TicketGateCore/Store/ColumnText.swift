/// Text as both stores hold it in a plain text column (a sender, a subject, a failure's detail): PostgreSQL's
/// `text` cannot hold U+0000, so both stores hold it as U+FFFD there, and give the same answers. The JSON
/// documents (the event, the decision, the draft, the audit) keep every code point, U+0000 included, written
/// `\u0000`.
package enum ColumnText {
    package static func of(_ text: String) -> String {
        guard text.utf8.contains(0) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == "\0" ? "\u{FFFD}" : $0 }))
    }

    package static func of(_ text: String?) -> String? {
        text.map(of)
    }
}
