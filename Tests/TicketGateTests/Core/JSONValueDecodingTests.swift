import Foundation
import Testing
import TicketGateCore

/// `JSONValue` tries the JSON types in an order chosen for speed; every type must still come back as itself.
@Suite struct JSONValueDecodingTests {
    @Test func everyTypeAtEveryDepthDecodesAsItself() throws {
        let text = #"""
            {"s":"text","i":-42,"d":1.5,"t":true,"f":false,"n":null,"big":9007199254740993,
             "o":{"nested":{"deeper":[1,"two",{"three":3.25}]}},"a":[[],{},[null,false]],"e":""}
            """#
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(
            value
                == .object([
                    "s": .string("text"), "i": .int(-42), "d": .double(1.5), "t": .bool(true), "f": .bool(false), "n": .null,
                    "big": .int(9_007_199_254_740_993),
                    "o": .object(["nested": .object(["deeper": .array([.int(1), .string("two"), .object(["three": .double(3.25)])])])]),
                    "a": .array([.array([]), .object([:]), .array([.null, .bool(false)])]), "e": .string(""),
                ])
        )
    }

    @Test(arguments: [
        (#"[1,"a"]"#, JSONValue.array([.int(1), .string("a")])), (#""solo""#, .string("solo")), ("7", .int(7)), ("true", .bool(true)),
        ("null", .null),
    ])
    func topLevelValuesOtherThanObjectsDecode(text: String, expected: JSONValue) throws {
        #expect(try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) == expected)
    }
}
