/// The patterns whose searches gave up on their budget while one event was decided, so that the decision's
/// trace can say which rule's condition failed that way. Used by one decision, on one thread.
final class SpentPatterns {
    private(set) var sources: [String] = []

    func note(_ pattern: Pattern) {
        if !sources.contains(pattern.source) { sources.append(pattern.source) }
    }

    /// The patterns noted since the last call, which forgets them.
    func take() -> [String] {
        defer { sources = [] }
        return sources
    }
}
