/// One rule as an operator reads it in the console: its name, its condition as written, what it does, and
/// whether matching goes on after it.
package struct RuleOutline: Sendable, Equatable {
    package var name: String
    /// The condition as written; empty for a rule that matches every event.
    package var condition: String
    /// `drop: <reason>`, or the destination and tags it sets.
    package var action: String
    package var continues: Bool

    package init(name: String, condition: String, action: String, continues: Bool) {
        self.name = name
        self.condition = condition
        self.action = action
        self.continues = continues
    }
}
