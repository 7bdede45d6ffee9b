import Foundation
import TicketGateCore

/// An event as conditions read it for a full trace (which names what failed): each field's value is resolved once, and its folded form is kept, however
/// many rules look at it. Values live in arrays indexed by the slots the rules were compiled with.
struct ResolvedFields {
    let event: InboundEvent
    private let paths: [FieldPath]
    private var values: [String??]
    private var folded: [FoldedText??]
    /// The budget the pattern searches share, where those that give up are noted.
    let budget: PatternBudget
    /// The index of the rule whose condition is being tested.
    var rule = 0

    init(_ event: InboundEvent, paths: [FieldPath], budget: PatternBudget = PatternBudget()) {
        self.event = event
        self.budget = budget
        self.paths = paths
        values = Array(repeating: nil, count: paths.count)
        folded = Array(repeating: nil, count: paths.count)
    }

    mutating func value(_ slot: Int) -> String? {
        if let cached = values[slot] { return cached }
        let value = paths[slot].value(in: event)
        values[slot] = .some(value)
        return value
    }

    mutating func foldedValue(_ slot: Int) -> FoldedText? {
        if let cached = folded[slot] { return cached }
        let value = value(slot).map(FoldedText.init)
        folded[slot] = .some(value)
        return value
    }

    func date(_ slot: Int, text: String?) -> Date? {
        paths[slot].date(in: event, text: text)
    }
}
