/// One compiled entry of `rules:`. A class, so the decision loop passes rules around without copying them.
final class Rule: Sendable {
    /// What a matching rule does.
    enum Action: Sendable, Equatable {
        case set(RuleSettings)
        case drop(reason: String)
    }

    let name: String
    let condition: Condition
    let action: Action
    /// When true, matching goes on to the next rule instead of stopping here.
    let continues: Bool

    init(name: String, condition: Condition, action: Action, continues: Bool) {
        self.name = name
        self.condition = condition
        self.action = action
        self.continues = continues
    }
}
