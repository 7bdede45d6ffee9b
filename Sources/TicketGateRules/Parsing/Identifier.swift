/// Checks the names of sources, destinations and rules.
enum Identifier {
    /// Letters, digits, `-` and `_`: safe in a URL path and in a metric label.
    static func isValid(_ name: String) -> Bool {
        !name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }
}
