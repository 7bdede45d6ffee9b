import Foundation

/// Reads JSON text (RFC 8259: UTF-8) into a `JSONValue` in one pass over its bytes.
///
/// `JSONDecoder` reads a `JSONValue` through `Codable`: a container, a generic lookup and a thrown error for
/// every type tried before the right one, for every value. On the ingest path that cost more than verifying
/// the signature. This reader builds the values directly, and reads a document as `JSONDecoder` read it for
/// the gateway before (the two exceptions are at the end):
/// - numbers are `int` or `double` as `JSONDecoder` made them (`JSONNumberText`);
/// - of repeated keys in an object, the first wins;
/// - one trailing comma before a closing bracket is allowed (`[1,]`).
///
/// Everything else is refused, as `JSONDecoder` refuses it: comments, single quotes, leading zeros, bare
/// control characters in strings, unpaired surrogate escapes, invalid UTF-8, numbers too large for a `Double`,
/// and nesting deeper than `maximumDepth`. A leading UTF-8 byte order mark is skipped.
///
/// The exceptions: only UTF-8 is read (`JSONDecoder` also guessed UTF-16 and UTF-32 from zero bytes at the
/// start, which no webhook sends), a number from 2^53 up with a fraction that is not zero is always a
/// `double` (see `JSONNumberText`), and a document of more than `maximumValues` values is refused.
package struct JSONReader {
    /// Why a document was refused, and the byte offset where reading stopped.
    package struct Failure: Error, Sendable, Equatable {
        package let reason: String
        package let offset: Int
    }

    /// Arrays and objects nested deeper than this are refused, as `JSONDecoder` refuses them.
    package static let maximumDepth = 512
    /// A document of more values than this is refused: no webhook carries as many, and past it a document of
    /// tiny values costs more memory per byte than any other input.
    package static let maximumValues = 200_000

    /// The document in `bytes`, which must hold exactly one JSON value.
    package static func read(_ bytes: some ContiguousBytes) throws(Failure) -> JSONValue {
        let result: Result<JSONValue, Failure> = bytes.withUnsafeBytes { buffer in
            var reader = JSONReader(buffer)
            return Result { () throws(Failure) in try reader.document() }
        }
        return try result.get()
    }

    private let bytes: UnsafeRawBufferPointer
    private var index = 0
    private var depth = 0
    private var values = 0

    private init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    private mutating func document() throws(Failure) -> JSONValue {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        let value = try self.value()
        skipWhitespace()
        guard index == bytes.count else { throw failure("unexpected text after the value") }
        return value
    }

    private mutating func value() throws(Failure) -> JSONValue {
        values += 1
        guard values <= Self.maximumValues else { throw failure("more than \(Self.maximumValues) values") }
        skipWhitespace()
        guard index < bytes.count else { throw failure("unexpected end of the document") }
        switch bytes[index] {
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw failure("unexpected character")
        }
    }

    private mutating func object() throws(Failure) -> JSONValue {
        try enterContainer()
        var members: [String: JSONValue] = [:]
        repeat {
            skipWhitespace()
            if consume(UInt8(ascii: "}")) {
                depth -= 1
                return .object(members)
            }
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("expected a key") }
            let key = try string()
            skipWhitespace()
            guard consume(UInt8(ascii: ":")) else { throw failure("expected ':' after a key") }
            let value = try value()
            if members[key] == nil { members[key] = value }
            skipWhitespace()
        } while consume(UInt8(ascii: ","))
        guard consume(UInt8(ascii: "}")) else { throw failure("expected ',' or '}' in an object") }
        depth -= 1
        return .object(members)
    }

    private mutating func array() throws(Failure) -> JSONValue {
        try enterContainer()
        var elements: [JSONValue] = []
        repeat {
            skipWhitespace()
            if consume(UInt8(ascii: "]")) {
                depth -= 1
                return .array(elements)
            }
            elements.append(try value())
            skipWhitespace()
        } while consume(UInt8(ascii: ","))
        guard consume(UInt8(ascii: "]")) else { throw failure("expected ',' or ']' in an array") }
        depth -= 1
        return .array(elements)
    }

    /// Steps over the container's opening bracket, counting its depth.
    private mutating func enterContainer() throws(Failure) {
        depth += 1
        guard depth <= Self.maximumDepth else { throw failure("nested deeper than \(Self.maximumDepth) levels") }
        index += 1
    }

    private mutating func literal(_ word: StaticString, _ value: JSONValue) throws(Failure) -> JSONValue {
        let letters = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        guard bytes.count - index >= letters.count, bytes[index..<index + letters.count].elementsEqual(letters) else {
            throw failure("unexpected character")
        }
        index += letters.count
        return value
    }

    // MARK: Strings

    /// The string that starts at the opening quote under `index`.
    private mutating func string() throws(Failure) -> String {
        index += 1
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = try validated(UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { return try escapedString(from: start) }
            if byte < 0x20 { throw failure("a control character in a string must be escaped") }
            index += 1
        }
        throw failure("unterminated string")
    }

    /// The rest of a string that has an escape at `index`, its text so far starting at `start`.
    private mutating func escapedString(from start: Int) throws(Failure) -> String {
        var text = [UInt8](UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return try validated(text)
            case UInt8(ascii: "\\"):
                index += 1
                try appendEscape(to: &text)
            case ..<0x20:
                throw failure("a control character in a string must be escaped")
            default:
                text.append(byte)
                index += 1
            }
        }
        throw failure("unterminated string")
    }

    /// Decodes the escape after a backslash.
    private mutating func appendEscape(to text: inout [UInt8]) throws(Failure) {
        guard index < bytes.count else { throw failure("unterminated string") }
        let letter = bytes[index]
        index += 1
        switch letter {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(letter)
        case UInt8(ascii: "b"): text.append(0x08)
        case UInt8(ascii: "f"): text.append(0x0C)
        case UInt8(ascii: "n"): text.append(0x0A)
        case UInt8(ascii: "r"): text.append(0x0D)
        case UInt8(ascii: "t"): text.append(0x09)
        case UInt8(ascii: "u"): text.append(contentsOf: UTF8.encode(try unicodeEscape())!)
        default: throw failure("invalid escape")
        }
    }

    /// The scalar of a `\u` escape (its `\u` read), joining a surrogate pair into one.
    private mutating func unicodeEscape() throws(Failure) -> Unicode.Scalar {
        let unit = try hexUnit()
        switch unit {
        case 0xD800...0xDBFF:
            guard bytes.count - index >= 2, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                throw failure("a high surrogate escape without its low surrogate")
            }
            index += 2
            let low = try hexUnit()
            guard (0xDC00...0xDFFF).contains(low) else { throw failure("a high surrogate escape without its low surrogate") }
            return Unicode.Scalar(0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00))!
        case 0xDC00...0xDFFF:
            throw failure("a low surrogate escape without its high surrogate")
        default:
            return Unicode.Scalar(unit)!
        }
    }

    /// Four hex digits.
    private mutating func hexUnit() throws(Failure) -> UInt16 {
        guard bytes.count - index >= 4 else { throw failure("a \\u escape needs four hex digits") }
        var unit: UInt16 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure("a \\u escape needs four hex digits")
            }
            unit = unit << 4 | UInt16(digit)
            index += 1
        }
        return unit
    }

    private func validated(_ utf8: some Collection<UInt8>) throws(Failure) -> String {
        guard let text = String(validating: utf8, as: UTF8.self) else { throw failure("a string is not valid UTF-8") }
        return text
    }

    // MARK: Numbers

    /// The number under `index`, by the grammar `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    private mutating func number() throws(Failure) -> JSONValue {
        let start = index
        _ = consume(UInt8(ascii: "-"))
        guard index < bytes.count, isDigit(bytes[index]) else { throw failure("a number needs a digit") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) { throw failure("a number cannot have a leading zero") }
        } else {
            skipDigits()
        }
        var isInteger = true
        if consume(UInt8(ascii: ".")) {
            isInteger = false
            guard index < bytes.count, isDigit(bytes[index]) else { throw failure("a fraction needs a digit") }
            skipDigits()
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            isInteger = false
            index += 1
            if !consume(UInt8(ascii: "+")) { _ = consume(UInt8(ascii: "-")) }
            guard index < bytes.count, isDigit(bytes[index]) else { throw failure("an exponent needs a digit") }
            skipDigits()
        }
        let text = UnsafeRawBufferPointer(rebasing: bytes[start..<index])
        guard let value = JSONNumberText(text).value(isInteger: isInteger) else {
            index = start
            throw failure("a number too large for a Double")
        }
        return value
    }

    private mutating func skipDigits() {
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }

    // MARK: Bytes

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): index += 1
            default: return
            }
        }
    }

    /// Steps over `byte` when it is next.
    private mutating func consume(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private func failure(_ reason: String) -> Failure {
        Failure(reason: reason, offset: index)
    }
}
