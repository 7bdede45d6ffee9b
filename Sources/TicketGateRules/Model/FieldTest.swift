/// What a condition checks about one field's value. Text comparisons ignore case.
enum FieldTest: Sendable, Equatable {
    /// The value equals the text.
    case equals(String)
    /// The value contains at least one of the texts.
    case contains([String])

    /// The operator names a condition can use, for parsing and hints.
    static let operatorNames = ["equals", "contains"]

    /// Builds the test with its operands folded to lower case once, at compile time.
    static func compiled(_ test: FieldTest) -> FieldTest {
        switch test {
        case .equals(let text): .equals(text.lowercased())
        case .contains(let texts): .contains(texts.map { $0.lowercased() })
        }
    }

    /// True when `value` passes; a missing value passes nothing.
    func holds(for value: String?) -> Bool {
        guard let value else { return false }
        let lowered = value.lowercased()
        switch self {
        case .equals(let text): return lowered == text
        case .contains(let texts): return texts.contains { lowered.contains($0) }
        }
    }
}
