/// The patterns whose searches gave up on their budget while one event was decided, by the rule whose
/// condition ran them, so that the decision's trace can say which rules failed that way. Used by one decision,
/// on one thread.
final class SpentPatterns {
    /// The sources of the patterns that gave up, by rule index.
    private(set) var byRule: [Int: [String]] = [:]

    func note(_ pattern: Pattern, rule: Int) {
        if byRule[rule, default: []].contains(pattern.source) { return }
        byRule[rule, default: []].append(pattern.source)
    }
}
