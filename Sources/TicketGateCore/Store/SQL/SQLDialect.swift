import Foundation

/// What differs between the SQL engines the stores run on: placeholders, lists of values, JSON access, and what
/// only several writers need. A store operation (`StoreStatements`) is written once against it; each store
/// renders it with its dialect and runs it on its own connection.
package protocol SQLDialect: Sendable {
    /// The placeholder of the `position`th bound value (from 1).
    func placeholder(_ position: Int) -> String

    /// A table of the `.texts` list bound at `placeholder`, named `alias`, with the columns `value` and
    /// `position` (ascending in the list's order).
    func texts(_ placeholder: String, as alias: String) -> String

    /// The condition that `expression` is one of the `.texts` or `.integers` list bound at `placeholder`.
    func isIn(_ expression: String, list placeholder: String) -> String

    /// The condition that the decision JSON in `column` traces the rule named at `placeholder` as matched.
    func tracesMatch(decision column: String, rule placeholder: String) -> String

    /// The length of the JSON array held as text in `column`.
    func jsonArrayLength(_ column: String) -> String

    /// The larger of two integer expressions.
    func greater(_ first: String, _ second: String) -> String

    /// What the claim's row selection ends with: `FOR UPDATE SKIP LOCKED` where several processes claim rows,
    /// so each skips the rows another is claiming.
    var skipRowsBeingClaimed: String { get }

    /// The assignment that gives each claimed row a new claim id, or `nil` where one process delivers and claims
    /// are not needed.
    var newClaim: String? { get }

    /// The assignment that clears a row's claim when an operator requeues it, or `nil` without claims.
    var releaseClaim: String? { get }

    /// The condition that the claim `claim` (a text expression: the claim id, or empty for none) still holds a
    /// row, or `nil` where one process delivers.
    func claimHolds(_ claim: String) -> String?

    /// A table of several lists bound at once, read in step (its `n`th row holds each list's `n`th value), named
    /// `alias`; `nil` where the dialect has none (`AttemptWrite.batch`).
    func table(of columns: [SQLListColumn], as alias: String) -> String?

    /// Whether a statement may write in common table expressions (`WITH … AS (INSERT …)`), so that writes that
    /// depend on each other are one statement, committed by itself (`EventAcceptance.batch`, `AttemptWrite.batch`).
    var writesInCommonTableExpressions: Bool { get }

    /// The condition that this transaction holds the lock one pruning instance holds at a time, taken if it is
    /// free; `nil` where one process writes.
    var holdsPruneLock: String? { get }

    /// The statement that holds a transaction-long lock on each conversation `keys` names at `destination`,
    /// or `nil` when one writer at a time makes locks unneeded.
    func lockConversations(_ keys: [String], at destination: String) -> SQLStatement?
}

/// One column of `SQLDialect.table(of:as:)`: its name and the placeholder of the `.texts` or `.integers` list
/// it reads.
package struct SQLListColumn: Sendable {
    package let name: String
    package let placeholder: String
    package let integers: Bool
}
