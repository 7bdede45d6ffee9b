/// One compiled entry of `rules:`.
struct Rule: Sendable, Equatable {
    /// What a matching rule does.
    enum Action: Sendable, Equatable {
        case set(RuleSettings)
        case drop(reason: String)
    }

    var name: String
    var condition: Condition
    var action: Action
    /// When true, matching goes on to the next rule instead of stopping here.
    var continues: Bool
}
