import Foundation
import TicketGateCore

/// What a condition checks about one field. Text operators ignore case; a field the event does not have passes
/// nothing but `exists: false`.
enum FieldTest: Sendable, Equatable {
    /// The value equals one of the texts (equality, and `in`).
    case equals([FoldedText])
    case contains([FoldedText])
    case startsWith([FoldedText])
    case endsWith([FoldedText])
    /// The domain of an address (or the value itself) is one of these or a subdomain of one.
    case domain([FoldedText])
    case matches(Pattern)
    case exists(Bool)
    case compare(Comparison, Operand)
    case cidr([IPNetwork])
    case within(BusinessHours)

    enum Comparison: String, Sendable, CaseIterable {
        case gt, gte, lt, lte

        func holds<T: Comparable>(_ value: T, _ operand: T) -> Bool {
            switch self {
            case .gt: value > operand
            case .gte: value >= operand
            case .lt: value < operand
            case .lte: value <= operand
            }
        }
    }

    enum Operand: Sendable, Equatable {
        case number(Double)
        case date(Date)
    }

    /// The operator names a condition can use, for parsing and hints.
    static let operatorNames = [
        "equals", "in", "contains", "starts_with", "ends_with", "domain", "matches", "exists", "gt", "gte", "lt", "lte", "cidr", "within",
    ]

    /// The tests the condition program leaves to `holds(value:date:)`: those on the raw value.
    func holds(value: String?, date: (String?) -> Date?) -> Bool {
        switch self {
        case .compare(let comparison, .number(let operand)):
            guard let number = value.flatMap(Self.number) else { return false }
            return comparison.holds(number, operand)
        case .compare(let comparison, .date(let operand)):
            guard let moment = date(value) else { return false }
            return comparison.holds(moment, operand)
        case .cidr(let networks):
            guard let value else { return false }
            return networks.contains { $0.contains(value) }
        case .within(let hours):
            guard let moment = date(value) else { return false }
            return hours.contains(moment)
        case .equals, .contains, .startsWith, .endsWith, .domain, .exists, .matches:
            return false
        }
    }

    /// A value read as a number, ignoring spaces around it.
    static func number(_ text: String) -> Double? {
        let isBlank = { (byte: UInt8) in byte == 0x20 || byte == 0x09 }
        let utf8 = text.utf8
        guard let first = utf8.firstIndex(where: { !isBlank($0) }), let last = utf8.lastIndex(where: { !isBlank($0) }) else { return nil }
        return Double(Substring(utf8[first...last]))
    }

    func holds(for path: Int, in view: inout ResolvedFields) -> Bool {
        if case .exists(let wanted) = self {
            return (view.value(path).map { !$0.isEmpty } ?? false) == wanted
        }
        switch self {
        case .equals(let texts):
            guard let value = view.foldedValue(path) else { return false }
            return texts.contains(value)
        case .contains(let texts):
            guard let value = view.foldedValue(path) else { return false }
            return texts.contains { value.contains($0) }
        case .startsWith(let texts):
            guard let value = view.foldedValue(path) else { return false }
            return texts.contains { value.hasPrefix($0) }
        case .endsWith(let texts):
            guard let value = view.foldedValue(path) else { return false }
            return texts.contains { value.hasSuffix($0) }
        case .domain(let domains):
            guard let value = view.foldedValue(path) else { return false }
            return domains.contains { value.isInDomain($0) }
        case .matches(let pattern):
            guard let value = view.value(path) else { return false }
            switch pattern.search(value, budget: view.budget) {
            case .match: return true
            case .noMatch: return false
            case .budgetSpent:
                view.budget.note(pattern, rule: view.rule)
                return false
            }
        case .compare, .cidr, .within:
            let value = view.value(path)
            let event = view
            return holds(value: value, date: { event.date(path, text: $0) })
        case .exists:
            return false
        }
    }
}
