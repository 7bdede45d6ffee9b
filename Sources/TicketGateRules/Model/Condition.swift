import TicketGateCore

/// A compiled `when:` tree. Leaves test one field; `all`, `any` and `not` combine them and nest.
///
/// An empty `all` holds; an empty `any` does not.
indirect enum Condition: Sendable, Equatable {
    case test(FieldCheck)
    case all([Condition])
    case any([Condition], written: String)
    case not(Condition, written: String)

    /// A condition that always holds: a rule without `when:`.
    static let always = Condition.all([])

    /// The first part of the condition that does not hold, as written in the rules; `nil` when it holds.
    func firstFailure(in view: inout ResolvedFields) -> String? {
        switch self {
        case .test(let check):
            return check.test.holds(for: check.slot, in: &view) ? nil : check.written
        case .all(let conditions):
            for condition in conditions {
                if let failure = condition.firstFailure(in: &view) { return failure }
            }
            return nil
        case .any(let conditions, let written):
            for condition in conditions where condition.firstFailure(in: &view) == nil {
                return nil
            }
            return written
        case .not(let condition, let written):
            return condition.firstFailure(in: &view) == nil ? written : nil
        }
    }

    /// The condition as written, for traces.
    var written: String {
        switch self {
        case .test(let check): check.written
        case .any(_, let written), .not(_, let written): written
        case .all(let conditions): conditions.map(\.written).joined(separator: " and ")
        }
    }

    /// True for a condition that holds for every event.
    var isAlways: Bool {
        if case .all(let conditions) = self { return conditions.allSatisfy(\.isAlways) }
        return false
    }
}
