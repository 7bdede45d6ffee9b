import Foundation
import Testing
import TicketGateCore

/// `JSONReader` replaces `JSONDecoder` for request bodies: on every document it must give what `JSONDecoder`
/// gives for `JSONValue`, and refuse what it refuses.
@Suite struct JSONReaderTests {
    static let accepted: [String] = [
        #"{"email":"a@example.com","name":"Jane Doe","message":"Hello,\nI was charged twice.","plan":"enterprise"}"#,
        #"{"s":"text","i":-42,"d":1.5,"t":true,"f":false,"n":null,"o":{"nested":{"deeper":[1,"two",{"three":3.25}]}}}"#,
        #"  [ 1 , "a" , [ ] , { } , null ]  "#,
        #""solo""#, "7", "-0", "0", "true", "false", "null", "[]", "{}",
        "9223372036854775807", "-9223372036854775808", "9223372036854775808", "-9223372036854775809",
        "18446744073709551616", "123456789012345678901234567890",
        "1.0", "-1.0", "1e3", "1E3", "1e+3", "2.5e-3", "1.5e300", "0.1", "-0.0", "1e-400", "9007199254740993.0", "90071992547409930e-1",
        "9223372036854775295.0", "9223372036854775296.0",
        "-9223372036854775807.0", "1.00000000000000000000000001", "100000000000000000000000e-5", "0.000e5", "0e99999999999", "12e-1",
        "123456789012345678e1", "[1,]", "{\"a\":1 , }",
        "9.223372036854776e18", "[1.25, -3e2, 4.000]",
        #""\"\\\/\b\f\n\r\t""#, #""\u00e9\u20AC\ud83d\ude00""#, #""caf\u00E9 \u0000 end""#,
        #""émoji 😀 and ß, K, ſ""#, #"{"dup":1,"dup":2}"#, #"{"a":{"dup":"x","dup":"y"}}"#,
        "\u{FEFF}{\"bom\":true}", #"{"":""}"#, "\t\r\n {\"spaced\" \t:\r\n \"out\" } \n",
        String(repeating: "[", count: 100) + String(repeating: "]", count: 100),
    ]

    static let refused: [String] = [
        "", " ", "{", "}", "[", "{\"a\" 1}", "{a:1}", "{'a':1}", "[1 2]", "01", "-", "1.", ".5", "[,]", "{,}", "[1,,]", "{\"a\":1,,}", "[1],",
        "1e", "1e+", "+1", "tru", "nul", "True", "NaN", "Infinity", "1e400", "-1e400", #""unterminated"#,
        "\"tab\there\"", "\"line\nbreak\"", #""\x""#, #""\u12""#, #""\uZZZZ""#, #""\ud83d""#, #""\ude00""#,
        #""\ud83d\u0041""#, "{\"a\":1} extra", "[1]]", "// comment\n1", "[1] /* c */",
        String(repeating: "[", count: 600) + String(repeating: "]", count: 600),
    ]

    @Test(arguments: accepted)
    func acceptsWhatJSONDecoderAcceptsWithTheSameValue(text: String) throws {
        let expected = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(try JSONReader.read(Data(text.utf8)) == expected)
    }

    @Test(arguments: refused)
    func refusesWhatJSONDecoderRefuses(text: String) {
        #expect(throws: (any Error).self) { try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) }
        #expect(throws: JSONReader.Failure.self) { try JSONReader.read(Data(text.utf8)) }
    }

    @Test(arguments: [[0x22, 0xC3, 0x28, 0x22], [0x22, 0xFF, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x7B, 0x22, 0x80, 0x22, 0x3A, 0x31, 0x7D]])
    func refusesInvalidUTF8(bytes: [UInt8]) {
        #expect(throws: (any Error).self) { try JSONDecoder().decode(JSONValue.self, from: Data(bytes)) }
        #expect(throws: JSONReader.Failure.self) { try JSONReader.read(bytes) }
    }

    /// A document of more values than any webhook carries is refused, whatever their nesting.
    @Test func aDocumentOfTooManyValuesIsRefused() throws {
        let most = JSONReader.maximumValues
        let atTheLimit = "[" + Array(repeating: "1", count: most - 1).joined(separator: ",") + "]"
        #expect(try JSONReader.read(Array(atTheLimit.utf8)).array?.count == most - 1)
        for past in [
            "[" + Array(repeating: "1", count: most).joined(separator: ",") + "]",
            "[" + Array(repeating: "{}", count: most).joined(separator: ",") + "]",
        ] {
            #expect(throws: JSONReader.Failure.self) { try JSONReader.read(Array(past.utf8)) }
        }
    }

    @Test func numbersKeepTheirKinds() throws {
        let numbers = try JSONReader.read(Data("[7, 1.0, 1.5, 1e3, 18446744073709551616, 9007199254740993.0, 125e-1]".utf8))
        #expect(numbers == [7, 1, .double(1.5), 1000, .double(18_446_744_073_709_551_616), 9_007_199_254_740_993, .double(12.5)])
    }

    /// From 2^53 on, a number with a fraction that is not zero is a `double`, where `JSONDecoder` made some of
    /// them an `int`.
    @Test func aFractionPastTwoToThe53IsADouble() throws {
        #expect(try JSONReader.read(Data("90071992547409931e-1".utf8)) == .double(9_007_199_254_740_993.1))
        #expect(try JSONDecoder().decode(JSONValue.self, from: Data("90071992547409931e-1".utf8)) == .int(9_007_199_254_740_993))
    }

    @Test func saysWhereItStopped() {
        let failure = #expect(throws: JSONReader.Failure.self) { try JSONReader.read(Data(#"{"a":1 "b":2}"#.utf8)) }
        #expect(failure?.reason == "expected ',' or '}' in an object")
        #expect(failure?.offset == 7)
    }
}

/// Generated documents, and each of them with one byte changed: the reader and `JSONDecoder` agree on every one.
@Suite struct JSONReaderGeneratedTests {
    @Test func agreesWithJSONDecoderOnGeneratedAndMutatedDocuments() throws {
        let seed = try TestSeed.next()
        var random = SeededRandom(seed: seed)
        let alphabet: [UInt8] = Array(#"{}[],:"\ -+.eE0123456789tfnulrsa"#.utf8) + [0x00, 0x1F, 0x7F, 0xC3, 0xA9, 0xFF]
        var compared = 0
        for _ in 0..<300 {
            let document = try JSONEncoder().encode(Self.value(depth: 0, random: &random))
            try Self.expectAgreement(on: document, seed: seed)
            for _ in 0..<20 {
                var mutated = [UInt8](document)
                let position = Int.random(in: 0..<mutated.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: mutated[position] = alphabet.randomElement(using: &random)!
                case 1: mutated.insert(alphabet.randomElement(using: &random)!, at: position)
                default: mutated.remove(at: position)
                }
                try Self.expectAgreement(on: Data(mutated), seed: seed)
                compared += 1
            }
        }
        #expect(compared == 6000, "\(seed)")
    }

    /// A document with a zero byte among its first four `JSONDecoder` reads as UTF-16 or UTF-32; the reader
    /// reads UTF-8 only, and refuses it.
    private static func expectAgreement(on document: Data, seed: TestSeed) throws {
        if document.prefix(4).contains(0) {
            #expect(throws: JSONReader.Failure.self, "\(seed)") { try JSONReader.read(document) }
            return
        }
        let expected = try? JSONDecoder().decode(JSONValue.self, from: document)
        let read = try? JSONReader.read(document)
        #expect(read == expected, "\(seed): \(String(decoding: document, as: UTF8.self))")
    }

    private static func value(depth: Int, random: inout SeededRandom) -> JSONValue {
        switch Int.random(in: 0..<(depth < 4 ? 9 : 6), using: &random) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &random))
        case 2: return .int(Int64.random(in: -1_000_000_000_000...1_000_000_000_000, using: &random))
        case 3: return .double(Double(Int.random(in: -100_000...100_000, using: &random)) / 64 + 0.5)
        case 4, 5: return .string(text(random: &random))
        case 6: return .array((0..<Int.random(in: 0..<5, using: &random)).map { _ in value(depth: depth + 1, random: &random) })
        default:
            let pairs = (0..<Int.random(in: 0..<6, using: &random)).map { _ in (text(random: &random), value(depth: depth + 1, random: &random)) }
            return .object(Dictionary(pairs, uniquingKeysWith: { first, _ in first }))
        }
    }

    private static func text(random: inout SeededRandom) -> String {
        let pieces = ["a", "Jane", " ", "\"", "\\", "/", "\n", "\t", "\u{01}", "é", "€", "😀", "ß", "\u{212A}", "0", "{", "]"]
        return (0..<Int.random(in: 0..<8, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
    }
}
