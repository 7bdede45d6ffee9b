extension String {
    /// The text without leading and trailing whitespace and newlines (Unicode's White_Space), like
    /// `trimmingCharacters(in: .whitespacesAndNewlines)`, without Foundation's character-set machinery: most
    /// values on the ingest path have nothing to trim and come back without a copy's worth of work.
    package func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[first...last])
    }
}
