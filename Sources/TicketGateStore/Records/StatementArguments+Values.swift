import GRDB

extension StatementArguments {
    /// Arguments from values already converted, in one allocation.
    ///
    /// GRDB's initializers are generic over the sequence and not specialized outside GRDB. Given an array,
    /// their unspecialized loop reads each element through `Array`'s subscript coroutine, whose frame is
    /// allocated on the heap: one `malloc` per value, over a hundred per accepted event. The initializer for
    /// one convertible type also reads each value through a key path. `ArgumentValues` hands GRDB an
    /// iterator whose `next()` is compiled here, for `[DatabaseValue]`, so the loop allocates only its result.
    init(values: [DatabaseValue]) {
        self.init(ArgumentValues(values: values))
    }
}

/// `[DatabaseValue]` as the sequence of optional convertibles GRDB's initializer reads.
private struct ArgumentValues: Sequence {
    let values: [DatabaseValue]

    var underestimatedCount: Int { values.count }

    func makeIterator() -> Iterator {
        Iterator(values: values)
    }

    struct Iterator: IteratorProtocol {
        let values: [DatabaseValue]
        var index = 0

        mutating func next() -> (any DatabaseValueConvertible)?? {
            guard index < values.count else { return nil }
            defer { index += 1 }
            return .some(values[index])
        }
    }
}
