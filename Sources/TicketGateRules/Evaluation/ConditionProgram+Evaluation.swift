import Foundation
import TicketGateCore

extension ConditionProgram {
    /// Runs `body` with an evaluator over the event's fields; the buffers are entered once for all the rules.
    /// Pattern searches draw on `budget`, where those that give up are noted.
    func withEvaluator<Result>(_ fields: EventFields, budget: PatternBudget, _ body: (Evaluator) -> Result) -> Result {
        withProgram { program in
            fields.folded.withUnsafeBufferPointer { values in
                fields.spans.withUnsafeBufferPointer { spans in
                    fields.numbers.withUnsafeBufferPointer { numbers in
                        fields.bigrams.withUnsafeBufferPointer { bigrams in
                            fields.bigramStarts.withUnsafeBufferPointer { bigramStarts in
                                fields.raw.withUnsafeBufferPointer { raw in
                                    fields.paths.withUnsafeBufferPointer { paths in
                                        withUnsafePointer(to: fields.event) { event in
                                            body(
                                                Evaluator(
                                                    program: program, values: values, spans: spans, numbers: numbers, bigrams: bigrams,
                                                    bigramStarts: bigramStarts, raw: raw, paths: paths, event: event, budget: budget
                                                )
                                            )
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The program's tables, entered once.
    struct Tables {
        let nodes: UnsafeBufferPointer<Node>
        let texts: UnsafeBufferPointer<UInt8>
        let textSpans: UnsafeBufferPointer<Int32>
        let numbers: UnsafeBufferPointer<Double>
        let patterns: UnsafeBufferPointer<Pattern>
        let others: UnsafeBufferPointer<FieldTest>
        let roots: UnsafeBufferPointer<Int32>

        /// The index of the rule whose condition holds node `node`: the last rule whose root is at or before it.
        func rule(containing node: Int) -> Int {
            var low = 0
            var high = roots.count
            while low < high {
                let middle = (low + high) / 2
                if Int(roots[middle]) <= node { low = middle + 1 } else { high = middle }
            }
            return low - 1
        }
    }

    private func withProgram<Result>(_ body: (Tables) -> Result) -> Result {
        nodes.withUnsafeBufferPointer { nodes in
            texts.withUnsafeBufferPointer { texts in
                textSpans.withUnsafeBufferPointer { textSpans in
                    numbers.withUnsafeBufferPointer { numbers in
                        patterns.withUnsafeBufferPointer { patterns in
                            others.withUnsafeBufferPointer { others in
                                roots.withUnsafeBufferPointer { roots in
                                    body(
                                        Tables(
                                            nodes: nodes, texts: texts, textSpans: textSpans, numbers: numbers, patterns: patterns, others: others,
                                            roots: roots
                                        )
                                    )
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Evaluates rules' conditions through pointers only; valid inside `withEvaluator`.
    struct Evaluator {
        let program: Tables
        let values: UnsafeBufferPointer<UInt8>
        let spans: UnsafeBufferPointer<Int32>
        let numbers: UnsafeBufferPointer<Double>
        let bigrams: UnsafeBufferPointer<UInt64>
        let bigramStarts: UnsafeBufferPointer<Int32>
        let raw: UnsafeBufferPointer<String?>
        let paths: UnsafeBufferPointer<FieldPath>
        let event: UnsafePointer<InboundEvent>
        let budget: PatternBudget

        /// True when rule `rule`'s condition holds.
        func holds(rule: Int) -> Bool {
            holds(Int(program.roots[rule]))
        }

        private func holds(_ index: Int) -> Bool {
            let nodes = program.nodes
            let node = nodes[index]
            switch node.kind {
            case .all:
                var child = index + 1
                for _ in 0..<node.count {
                    if !holds(child) { return false }
                    child += Int(nodes[child].size)
                }
                return true
            case .any:
                var child = index + 1
                for _ in 0..<node.count {
                    if holds(child) { return true }
                    child += Int(nodes[child].size)
                }
                return false
            case .not:
                return !holds(index + 1)
            case .exists, .missing:
                let length = spans[Int(node.slot) * 2 + 1]
                return (length > 0) == (node.kind == .exists)
            case .greater: return numbers[Int(node.slot)] > program.numbers[Int(node.first)]
            case .greaterOrEqual: return numbers[Int(node.slot)] >= program.numbers[Int(node.first)]
            case .less: return numbers[Int(node.slot)] < program.numbers[Int(node.first)]
            case .lessOrEqual: return numbers[Int(node.slot)] <= program.numbers[Int(node.first)]
            case .pattern:
                guard let value = raw[Int(node.slot)] else { return false }
                switch program.patterns[Int(node.first)].search(value, budget: budget) {
                case .match: return true
                case .noMatch: return false
                case .budgetSpent:
                    budget.note(program.patterns[Int(node.first)], rule: program.rule(containing: index))
                    return false
                }
            case .other:
                let slot = Int(node.slot)
                return program.others[Int(node.first)].holds(value: raw[slot], date: { paths[slot].date(in: event.pointee, text: $0) })
            case .contains:
                return holdsContains(node)
            case .equals, .startsWith, .endsWith, .domain:
                guard let value = value(node.slot) else { return false }
                for text in Int(node.first)..<Int(node.first + node.count) {
                    if Self.test(node.kind, value, needle(text)) { return true }
                }
                return false
            }
        }

        /// `contains`, asking the slot's bigram filter before searching.
        private func holdsContains(_ node: Node) -> Bool {
            guard let value = value(node.slot) else { return false }
            let filterStart = Int(bigramStarts[Int(node.slot)])
            let filter = UnsafeBufferPointer(rebasing: bigrams[filterStart..<(filterStart + BigramFilter.words)])
            for text in Int(node.first)..<Int(node.first + node.count) {
                let needle = needle(text)
                if BigramFilter.mayContain(filter, needle) && ByteSearch.contains(value, needle) { return true }
            }
            return false
        }

        @inline(__always)
        private func value(_ slot: Int32) -> UnsafeBufferPointer<UInt8>? {
            let length = Int(spans[Int(slot) * 2 + 1])
            guard length >= 0 else { return nil }
            let start = Int(spans[Int(slot) * 2])
            return UnsafeBufferPointer(rebasing: values[start..<(start + length)])
        }

        @inline(__always)
        private func needle(_ text: Int) -> UnsafeBufferPointer<UInt8> {
            let start = Int(program.textSpans[text * 2])
            return UnsafeBufferPointer(rebasing: program.texts[start..<(start + Int(program.textSpans[text * 2 + 1]))])
        }

        private static func test(_ kind: Node.Kind, _ value: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
            switch kind {
            case .equals:
                return value.count == needle.count && (value.isEmpty || memcmp(value.baseAddress!, needle.baseAddress!, value.count) == 0)
            case .startsWith:
                return needle.count <= value.count && (needle.isEmpty || memcmp(value.baseAddress!, needle.baseAddress!, needle.count) == 0)
            case .endsWith:
                return needle.count <= value.count
                    && (needle.isEmpty || memcmp(value.baseAddress! + (value.count - needle.count), needle.baseAddress!, needle.count) == 0)
            case .domain:
                var start = value.startIndex
                if let at = value.lastIndex(of: UInt8(ascii: "@")) { start = at + 1 }
                let part = UnsafeBufferPointer(rebasing: value[start...])
                if part.count == needle.count { return part.isEmpty || memcmp(part.baseAddress!, needle.baseAddress!, part.count) == 0 }
                guard part.count > needle.count else { return false }
                let offset = part.count - needle.count
                return part[offset - 1] == UInt8(ascii: ".") && memcmp(part.baseAddress! + offset, needle.baseAddress!, needle.count) == 0
            default:
                return false
            }
        }
    }
}
