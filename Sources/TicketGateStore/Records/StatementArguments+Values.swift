import GRDB

extension StatementArguments {
    /// Arguments from values already converted. GRDB's initializer for a sequence of one convertible type
    /// reads each value through a key path, in generic code not specialized outside GRDB: that was most of
    /// the cost of encoding an audit row. The initializer for optional existentials calls a method instead.
    init(values: [DatabaseValue]) {
        self.init(values.map { $0 as (any DatabaseValueConvertible)? })
    }
}
