import Foundation

/// Writes an `Encodable` value as compact JSON in one pass, straight into bytes, with the conventions of the
/// store's JSON columns: dates as milliseconds since 1970, `Data` as base64, keys in the order the value
/// encodes them (sorted for `JSONValue` objects). Decode what it writes with `JSONDecoder` (dates `.millisecondsSince1970`).
///
/// Foundation's `JSONEncoder` first builds a tree of boxed values and then writes it; on the ingest path that
/// cost more than verifying, normalizing and deciding an event together. This encoder keeps no tree: each
/// container writes its punctuation as values arrive, and a container still open is closed when its parent
/// moves on to the next value.
package struct CompactJSONEncoder: Sendable {
    package init() {}

    /// The value as JSON bytes.
    package func encode<Value: Encodable>(_ value: Value) throws -> [UInt8] {
        let sink = JSONSink()
        try sink.write(value, at: 0)
        sink.close(downTo: 0)
        return sink.bytes
    }

    /// The value as JSON text.
    package func string<Value: Encodable>(_ value: Value) throws -> String {
        String(decoding: try encode(value), as: UTF8.self)
    }
}

/// The bytes written so far and the containers still open, innermost last. A sink belongs to one `encode` call.
final class JSONSink {
    private struct OpenContainer {
        let closer: UInt8
        var count = 0
    }

    var bytes: [UInt8] = []
    private var open: [OpenContainer] = []

    init() {
        bytes.reserveCapacity(1024)
    }

    var depth: Int { open.count }

    /// Closes the containers nested deeper than `depth`.
    func close(downTo depth: Int) {
        while open.count > depth {
            bytes.append(open.removeLast().closer)
        }
    }

    /// Starts the next value of the container at `depth - 1` (none for the top level): closes what is still
    /// open inside it, writes the separator and, in an object, the key.
    func beginValue(at depth: Int, key: String?) {
        close(downTo: depth)
        guard depth > 0 else { return }
        if open[depth - 1].count > 0 { bytes.append(UInt8(ascii: ",")) }
        open[depth - 1].count += 1
        if let key {
            writeString(key)
            bytes.append(UInt8(ascii: ":"))
        }
    }

    /// Opens an object or an array at the current position.
    func openContainer(object: Bool) {
        bytes.append(object ? UInt8(ascii: "{") : UInt8(ascii: "["))
        open.append(OpenContainer(closer: object ? UInt8(ascii: "}") : UInt8(ascii: "]")))
    }

    /// Writes any value at a position already begun, with the store's conventions for dates, data and URLs.
    func write<Value: Encodable>(_ value: Value, at depth: Int) throws {
        if Value.self == Date.self {
            try writeNumber((value as! Date).timeIntervalSince1970 * 1000)
        } else if Value.self == Data.self {
            writeString((value as! Data).base64EncodedString())
        } else if Value.self == URL.self {
            writeString((value as! URL).absoluteString)
        } else if Value.self == String.self {
            writeString(value as! String)
        } else if Value.self == JSONValue.self {
            try writeJSON(value as! JSONValue)
        } else if Value.self == [String: JSONValue].self {
            try writeJSON(value as! [String: JSONValue])
        } else {
            let start = bytes.count
            try value.encode(to: ValueEncoder(sink: self, depth: depth))
            // A value that encoded nothing at all is written as an empty object, as Foundation does.
            if bytes.count == start { bytes.append(contentsOf: [UInt8(ascii: "{"), UInt8(ascii: "}")]) }
        }
    }

    func writeNull() {
        bytes.append(contentsOf: [UInt8(ascii: "n"), UInt8(ascii: "u"), UInt8(ascii: "l"), UInt8(ascii: "l")])
    }

    func writeBool(_ value: Bool) {
        if value { bytes.append(contentsOf: "true".utf8) } else { bytes.append(contentsOf: "false".utf8) }
    }

    func writeInteger<Integer: BinaryInteger>(_ value: Integer) {
        bytes.append(contentsOf: String(value).utf8)
    }

    /// A finite number; integral values without a fraction, like Foundation.
    func writeNumber(_ value: Double) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "JSON has no \(value)"))
        }
        if value.rounded() == value, abs(value) < 1e15 {
            writeInteger(Int64(value))
        } else {
            bytes.append(contentsOf: value.description.utf8)
        }
    }

    /// A JSON string: quotes, backslashes and control characters escaped, everything else as UTF-8.
    func writeString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var runStart = 0
            for index in utf8.indices where Self.needsEscape(utf8[index]) {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                appendEscaped(utf8[index])
                runStart = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    @inline(__always)
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    private func appendEscaped(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
        case UInt8(ascii: "\n"): bytes.append(UInt8(ascii: "n"))
        case UInt8(ascii: "\r"): bytes.append(UInt8(ascii: "r"))
        case UInt8(ascii: "\t"): bytes.append(UInt8(ascii: "t"))
        default:
            let hex = Array("0123456789abcdef".utf8)
            bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
        }
    }
}
