import TicketGateCore

/// An event's fields as the condition program reads them: every slot's value resolved and folded once, the
/// folded bytes of all of them in one buffer, and what the program's slots need besides: numbers for
/// comparisons, bigram filters for `contains`.
struct EventFields {
    let event: InboundEvent
    let paths: [FieldPath]
    let raw: [String?]
    let folded: [UInt8]
    /// Start and length of each slot's folded value; a length of -1 marks a value the event does not have.
    let spans: [Int32]
    /// Each slot's value as a number, or NaN, which every comparison fails.
    let numbers: [Double]
    /// The bigram filters, `BigramFilter.words` words each.
    let bigrams: [UInt64]
    /// Where each slot's bigram filter starts in `bigrams`, or -1.
    let bigramStarts: [Int32]

    init(_ event: InboundEvent, paths: [FieldPath], needs: [ConditionProgram.SlotNeeds]) {
        self.event = event
        self.paths = paths
        var raw: [String?] = []
        var folded: [UInt8] = []
        var spans: [Int32] = []
        var numbers: [Double] = []
        var bigramStarts: [Int32] = []
        raw.reserveCapacity(paths.count)
        spans.reserveCapacity(paths.count * 2)
        numbers.reserveCapacity(paths.count)
        bigramStarts.reserveCapacity(paths.count)
        var filters = 0
        for (slot, path) in paths.enumerated() {
            let value = path.value(in: event)
            raw.append(value)
            spans.append(Int32(folded.count))
            if let value {
                let start = folded.count
                FoldedText.append(value, to: &folded)
                spans.append(Int32(folded.count - start))
            } else {
                spans.append(-1)
            }
            numbers.append(needs[slot].contains(.number) ? value.flatMap(FieldTest.number) ?? .nan : .nan)
            if needs[slot].contains(.bigrams), value != nil {
                bigramStarts.append(Int32(filters * BigramFilter.words))
                filters += 1
            } else {
                bigramStarts.append(-1)
            }
        }
        var bigrams = [UInt64](repeating: 0, count: filters * BigramFilter.words)
        bigrams.withUnsafeMutableBufferPointer { filter in
            folded.withUnsafeBufferPointer { bytes in
                for slot in paths.indices where bigramStarts[slot] >= 0 {
                    let start = Int(spans[slot * 2])
                    let text = UnsafeBufferPointer(rebasing: bytes[start..<(start + Int(spans[slot * 2 + 1]))])
                    let words = Int(bigramStarts[slot])
                    BigramFilter.fill(UnsafeMutableBufferPointer(rebasing: filter[words..<(words + BigramFilter.words)]), from: text)
                }
            }
        }
        self.raw = raw
        self.folded = folded
        self.spans = spans
        self.numbers = numbers
        self.bigrams = bigrams
        self.bigramStarts = bigramStarts
    }
}
