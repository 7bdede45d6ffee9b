import Foundation

/// A type that writes its own JSON into a sink: byte for byte what its `Encodable` conformance writes through
/// `CompactJSONEncoder`, without `Codable`'s containers. The encoder uses it for a value it is given to
/// encode (not for values nested in other types), so only the types stored on every request need one.
protocol JSONSinkWritable {
    func write(to sink: JSONSink) throws
}

/// Writes one object's members straight into a sink, in the order they come, as a synthesized `Encodable`
/// conformance would: an optional member that is `nil` is left out.
struct JSONObjectWriter {
    private let sink: JSONSink
    private var count = 0

    /// Opens the object.
    init(_ sink: JSONSink) {
        self.sink = sink
        sink.bytes.append(UInt8(ascii: "{"))
    }

    /// Closes the object.
    func close() {
        sink.bytes.append(UInt8(ascii: "}"))
    }

    mutating func string(_ key: StaticString, _ value: String) {
        begin(key)
        sink.writeString(value)
    }

    mutating func string(_ key: StaticString, ifPresent value: String?) {
        if let value { string(key, value) }
    }

    mutating func strings(_ key: StaticString, _ values: [String]) {
        begin(key)
        sink.bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { sink.bytes.append(UInt8(ascii: ",")) }
            sink.writeString(value)
        }
        sink.bytes.append(UInt8(ascii: "]"))
    }

    mutating func strings(_ key: StaticString, ifPresent values: [String]?) {
        if let values { strings(key, values) }
    }

    /// An object of strings, in the dictionary's own order, as `Dictionary`'s `Encodable` conformance writes it.
    mutating func strings(_ key: StaticString, _ values: [String: String]) {
        begin(key)
        sink.bytes.append(UInt8(ascii: "{"))
        for (index, (name, value)) in values.enumerated() {
            if index > 0 { sink.bytes.append(UInt8(ascii: ",")) }
            sink.writeString(name)
            sink.bytes.append(UInt8(ascii: ":"))
            sink.writeString(value)
        }
        sink.bytes.append(UInt8(ascii: "}"))
    }

    mutating func integer(_ key: StaticString, ifPresent value: Int?) {
        guard let value else { return }
        begin(key)
        sink.writeInteger(value)
    }

    mutating func bool(_ key: StaticString, _ value: Bool) {
        begin(key)
        sink.writeBool(value)
    }

    /// A date as milliseconds since 1970, the store's convention.
    mutating func date(_ key: StaticString, _ value: Date) throws {
        begin(key)
        try sink.writeNumber(value.timeIntervalSince1970 * 1000)
    }

    mutating func date(_ key: StaticString, ifPresent value: Date?) throws {
        if let value { try date(key, value) }
    }

    /// A nested object written member by member.
    mutating func object(_ key: StaticString, _ members: (inout JSONObjectWriter) throws -> Void) rethrows {
        begin(key)
        var nested = JSONObjectWriter(sink)
        try members(&nested)
        nested.close()
    }

    /// A nested value that writes itself.
    mutating func writable(_ key: StaticString, _ value: some JSONSinkWritable) throws {
        begin(key)
        try value.write(to: sink)
    }

    /// An array of objects, each written member by member.
    mutating func objects<Element>(_ key: StaticString, _ elements: [Element], _ members: (inout JSONObjectWriter, Element) throws -> Void)
        rethrows
    {
        begin(key)
        sink.bytes.append(UInt8(ascii: "["))
        for (index, element) in elements.enumerated() {
            if index > 0 { sink.bytes.append(UInt8(ascii: ",")) }
            var nested = JSONObjectWriter(sink)
            try members(&nested, element)
            nested.close()
        }
        sink.bytes.append(UInt8(ascii: "]"))
    }

    /// Any other value, through its `Encodable` conformance.
    mutating func value<Value: Encodable>(_ key: StaticString, _ value: Value) throws {
        begin(key)
        let depth = sink.depth
        try sink.write(value, at: depth)
        sink.close(downTo: depth)
    }

    mutating func value<Value: Encodable>(_ key: StaticString, ifPresent value: Value?) throws {
        if let value { try self.value(key, value) }
    }

    /// The separator and the key (plain ASCII, so written as it is).
    private mutating func begin(_ key: StaticString) {
        if count > 0 { sink.bytes.append(UInt8(ascii: ",")) }
        count += 1
        sink.bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { sink.bytes.append(contentsOf: $0) }
        sink.bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
    }
}
