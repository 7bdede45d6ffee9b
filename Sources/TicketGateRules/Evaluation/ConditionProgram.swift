/// The rules' conditions compiled to a flat program for the request path: nodes in preorder, each subtree
/// followed by its children and sized so evaluation can skip it; the texts the nodes compare, folded, in one
/// byte buffer; numbers and patterns in tables of their own. Evaluation reads them through unsafe pointers, so
/// it counts no references and allocates nothing. `Condition` stays the readable form, used for `explain`.
struct ConditionProgram: Sendable {
    struct Node: Sendable {
        enum Kind: UInt8, Sendable {
            case all, any, not
            case equals, contains, startsWith, endsWith, domain
            case exists, missing
            case greater, greaterOrEqual, less, lessOrEqual
            case pattern, other
        }

        var kind: Kind
        var slot: Int32
        /// The first text (text kinds), or the index into `numbers`, `patterns` or `others`.
        var first: Int32
        /// How many texts, or how many children.
        var count: Int32
        /// Nodes in this subtree, itself included.
        var size: Int32
    }

    /// What an event must prepare for a slot before the program reads it.
    struct SlotNeeds: OptionSet, Sendable {
        let rawValue: UInt8
        /// The value read as a number, for comparisons.
        static let number = SlotNeeds(rawValue: 1)
        /// Which pairs of adjacent bytes the folded value holds, so `contains` can rule most texts out at once.
        static let bigrams = SlotNeeds(rawValue: 2)
    }

    private(set) var nodes: [Node] = []
    private(set) var texts: [UInt8] = []
    /// Start and length of each text in `texts`, two numbers per text.
    private(set) var textSpans: [Int32] = []
    private(set) var numbers: [Double] = []
    private(set) var patterns: [Pattern] = []
    /// Tests on the raw value that have no node kind of their own: dates, networks, business hours.
    private(set) var others: [FieldTest] = []
    /// The root node of each rule's condition.
    private(set) var roots: [Int32] = []
    private(set) var slotNeeds: [SlotNeeds]

    init(_ conditions: [Condition], slots: Int) {
        slotNeeds = Array(repeating: [], count: slots)
        for condition in conditions {
            roots.append(Int32(nodes.count))
            emit(condition)
        }
    }

    private mutating func emit(_ condition: Condition) {
        switch condition {
        case .test(let check):
            emit(check)
        case .all(let children):
            group(.all, children)
        case .any(let children, _):
            group(.any, children)
        case .not(let child, _):
            group(.not, [child])
        }
    }

    private mutating func group(_ kind: Node.Kind, _ children: [Condition]) {
        let index = nodes.count
        nodes.append(Node(kind: kind, slot: -1, first: 0, count: Int32(children.count), size: 0))
        for child in children {
            emit(child)
        }
        nodes[index].size = Int32(nodes.count - index)
    }

    private mutating func emit(_ check: FieldCheck) {
        let slot = Int32(check.slot)
        switch check.test {
        case .equals(let values): text(.equals, slot, values)
        case .contains(let values):
            slotNeeds[check.slot].insert(.bigrams)
            text(.contains, slot, values)
        case .startsWith(let values): text(.startsWith, slot, values)
        case .endsWith(let values): text(.endsWith, slot, values)
        case .domain(let values): text(.domain, slot, values)
        case .exists(let wanted): leaf(wanted ? .exists : .missing, slot, 0)
        case .compare(let comparison, .number(let operand)):
            slotNeeds[check.slot].insert(.number)
            leaf(Self.kind(of: comparison), slot, Int32(numbers.count))
            numbers.append(operand)
        case .matches(let pattern):
            leaf(.pattern, slot, Int32(patterns.count))
            patterns.append(pattern)
        case .compare, .cidr, .within:
            leaf(.other, slot, Int32(others.count))
            others.append(check.test)
        }
    }

    private static func kind(of comparison: FieldTest.Comparison) -> Node.Kind {
        switch comparison {
        case .gt: .greater
        case .gte: .greaterOrEqual
        case .lt: .less
        case .lte: .lessOrEqual
        }
    }

    private mutating func leaf(_ kind: Node.Kind, _ slot: Int32, _ first: Int32) {
        nodes.append(Node(kind: kind, slot: slot, first: first, count: 0, size: 1))
    }

    private mutating func text(_ kind: Node.Kind, _ slot: Int32, _ values: [FoldedText]) {
        nodes.append(Node(kind: kind, slot: slot, first: Int32(textSpans.count / 2), count: Int32(values.count), size: 1))
        for value in values {
            textSpans.append(Int32(texts.count))
            textSpans.append(Int32(value.bytes.count))
            texts += value.bytes
        }
    }
}
