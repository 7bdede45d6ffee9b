/// The `Encoder` for one value position of a `JSONSink`: the position is begun (separator and key written)
/// before it is made, and whichever container the value asks for writes there.
struct ValueEncoder: Encoder, SingleValueEncodingContainer {
    let sink: JSONSink
    /// How many containers enclose this position.
    let depth: Int
    /// Coding paths are not tracked: an array per member cost more than the member itself.
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedJSONContainer<Key>(sink: sink, depth: opened(object: true)))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        UnkeyedJSONContainer(sink: sink, depth: opened(object: false))
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { self }

    /// Opens the container of this position, once: asking again (as a class and its superclass may) returns
    /// the one already open. Returns the depth of the values inside it.
    private func opened(object: Bool) -> Int {
        if sink.depth > depth {
            sink.close(downTo: depth + 1)
        } else {
            sink.openContainer(object: object)
        }
        return depth + 1
    }

    func encodeNil() throws { sink.writeNull() }
    func encode(_ value: Bool) throws { sink.writeBool(value) }
    func encode(_ value: String) throws { sink.writeString(value) }
    func encode(_ value: Double) throws { try sink.writeNumber(value) }
    func encode(_ value: Float) throws { try sink.writeNumber(Double(value)) }
    func encode(_ value: Int) throws { sink.writeInteger(value) }
    func encode(_ value: Int8) throws { sink.writeInteger(value) }
    func encode(_ value: Int16) throws { sink.writeInteger(value) }
    func encode(_ value: Int32) throws { sink.writeInteger(value) }
    func encode(_ value: Int64) throws { sink.writeInteger(value) }
    func encode(_ value: UInt) throws { sink.writeInteger(value) }
    func encode(_ value: UInt8) throws { sink.writeInteger(value) }
    func encode(_ value: UInt16) throws { sink.writeInteger(value) }
    func encode(_ value: UInt32) throws { sink.writeInteger(value) }
    func encode(_ value: UInt64) throws { sink.writeInteger(value) }
    func encode<Value: Encodable>(_ value: Value) throws { try sink.write(value, at: depth) }
}

/// An object of a `JSONSink`: each value begins a new member.
struct KeyedJSONContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let sink: JSONSink
    /// The depth of this object's members.
    let depth: Int
    /// Coding paths are not tracked: an array per member cost more than the member itself.
    var codingPath: [any CodingKey] { [] }

    private func member(_ key: Key) -> ValueEncoder {
        sink.beginValue(at: depth, key: key.stringValue)
        return ValueEncoder(sink: sink, depth: depth)
    }

    func encodeNil(forKey key: Key) throws { try member(key).encodeNil() }
    func encode(_ value: Bool, forKey key: Key) throws { try member(key).encode(value) }
    func encode(_ value: String, forKey key: Key) throws { try member(key).encode(value) }
    func encode(_ value: Double, forKey key: Key) throws { try member(key).encode(value) }
    func encode(_ value: Float, forKey key: Key) throws { try member(key).encode(value) }
    func encode(_ value: Int, forKey key: Key) throws { try member(key).encode(value) }
    func encode(_ value: Int8, forKey key: Key) throws { try member(key).encode(value) }
    func encode(_ value: Int16, forKey key: Key) throws { try member(key).encode(value) }
    func encode(_ value: Int32, forKey key: Key) throws { try member(key).encode(value) }
    func encode(_ value: Int64, forKey key: Key) throws { try member(key).encode(value) }
    func encode(_ value: UInt, forKey key: Key) throws { try member(key).encode(value) }
    func encode(_ value: UInt8, forKey key: Key) throws { try member(key).encode(value) }
    func encode(_ value: UInt16, forKey key: Key) throws { try member(key).encode(value) }
    func encode(_ value: UInt32, forKey key: Key) throws { try member(key).encode(value) }
    func encode(_ value: UInt64, forKey key: Key) throws { try member(key).encode(value) }
    func encode<Value: Encodable>(_ value: Value, forKey key: Key) throws { try member(key).encode(value) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        member(key).container(keyedBy: keyType)
    }

    func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        member(key).unkeyedContainer()
    }

    func superEncoder() -> any Encoder {
        sink.beginValue(at: depth, key: "super")
        return ValueEncoder(sink: sink, depth: depth)
    }
    func superEncoder(forKey key: Key) -> any Encoder { member(key) }
}

/// An array of a `JSONSink`: each value begins a new element.
struct UnkeyedJSONContainer: UnkeyedEncodingContainer {
    let sink: JSONSink
    /// The depth of this array's elements.
    let depth: Int
    /// Coding paths are not tracked: an array per member cost more than the member itself.
    var codingPath: [any CodingKey] { [] }
    private(set) var count = 0

    init(sink: JSONSink, depth: Int) {
        self.sink = sink
        self.depth = depth
    }

    private mutating func element() -> ValueEncoder {
        sink.beginValue(at: depth, key: nil)
        count += 1
        return ValueEncoder(sink: sink, depth: depth)
    }

    mutating func encodeNil() throws { try element().encodeNil() }
    mutating func encode(_ value: Bool) throws { try element().encode(value) }
    mutating func encode(_ value: String) throws { try element().encode(value) }
    mutating func encode(_ value: Double) throws { try element().encode(value) }
    mutating func encode(_ value: Float) throws { try element().encode(value) }
    mutating func encode(_ value: Int) throws { try element().encode(value) }
    mutating func encode(_ value: Int8) throws { try element().encode(value) }
    mutating func encode(_ value: Int16) throws { try element().encode(value) }
    mutating func encode(_ value: Int32) throws { try element().encode(value) }
    mutating func encode(_ value: Int64) throws { try element().encode(value) }
    mutating func encode(_ value: UInt) throws { try element().encode(value) }
    mutating func encode(_ value: UInt8) throws { try element().encode(value) }
    mutating func encode(_ value: UInt16) throws { try element().encode(value) }
    mutating func encode(_ value: UInt32) throws { try element().encode(value) }
    mutating func encode(_ value: UInt64) throws { try element().encode(value) }
    mutating func encode<Value: Encodable>(_ value: Value) throws { try element().encode(value) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        element().container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        element().unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { element() }
}
