/// A deliberately loose check of an email address: one `@`, something on both sides, a dot in the domain,
/// no spaces. Strict validation belongs to the helpdesk; this only catches a field mapped to the wrong input.
enum EmailAddress {
    static func isPlausible(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix(".") else {
            return false
        }
        return !text.contains(where: \.isWhitespace)
    }
}
