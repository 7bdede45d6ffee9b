import TicketGateCore

/// A compiled `when:` tree. Leaves test one field; `all`, `any` and `not` combine them.
///
/// An empty `all` holds; an empty `any` does not.
indirect enum Condition: Sendable, Equatable {
    case test(FieldPath, FieldTest, written: String)
    case all([Condition])
    case any([Condition], written: String)
    case not(Condition, written: String)

    /// A condition that always holds: a rule without `when:`.
    static let always = Condition.all([])

    /// The first part of the condition that does not hold for `event`, as written in the rules;
    /// `nil` when the whole condition holds.
    func firstFailure(in event: InboundEvent) -> String? {
        switch self {
        case .test(let path, let test, let written):
            return test.holds(for: path.value(in: event)) ? nil : written
        case .all(let conditions):
            for condition in conditions {
                if let failure = condition.firstFailure(in: event) { return failure }
            }
            return nil
        case .any(let conditions, let written):
            return conditions.contains { $0.firstFailure(in: event) == nil } ? nil : written
        case .not(let condition, let written):
            return condition.firstFailure(in: event) == nil ? written : nil
        }
    }

    /// The condition as written, for traces.
    var written: String {
        switch self {
        case .test(_, _, let written), .any(_, let written), .not(_, let written): written
        case .all(let conditions): conditions.map(\.written).joined(separator: " and ")
        }
    }
}
