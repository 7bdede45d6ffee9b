import Foundation
import Testing
import TicketGateCore

/// What the store's JSON columns are written with: the JSON Foundation's `JSONEncoder` writes (dates
/// `.millisecondsSince1970`), member for member, and whatever it writes `JSONDecoder` reads back as the same value.
@Suite struct CompactJSONEncoderTests {
    let encoder = CompactJSONEncoder()

    func roundTrip<Value: Codable & Equatable>(_ value: Value) throws -> Value {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return try decoder.decode(Value.self, from: Data(try encoder.encode(value)))
    }

    func json(_ value: some Encodable) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(try encoder.encode(value)))
    }

    @Test func anEventWithEveryPartComesBackTheSame() throws {
        let event = InboundEvent(
            id: EventID(rawValue: "01a2"), source: "support", kind: .chat, format: "intercom",
            receivedAt: Date(timeIntervalSince1970: 1_795_308_793.316), occurredAt: Date(timeIntervalSince1970: 1_795_308_700),
            providerEventID: "evt_1", sender: Party(email: "jane@example.com", name: "Jane \"JD\" Doe"), recipient: "help@acme.example",
            subject: "Tab\there, newline\nthere, bell \u{07}, backslash \\ and slash /", text: "Grüße 👋 from Zürich", html: "<p>hi</p>",
            fields: [FormField(name: "plan", value: "enterprise", label: "Plan"), FormField(name: "empty", value: "")],
            headers: ["x-request-id": "abc", "user-agent": "curl/8"], clientIP: "203.0.113.7",
            thread: ThreadKeys(messageID: "a@b", references: ["x@y", "z@w"]), cc: ["cc@example.com"],
            transcript: ChatTranscript(
                conversationID: "c1", participants: [ChatParticipant(id: "u1", role: .customer, name: "Jane")],
                turns: [ChatTurn(role: .customer, at: Date(timeIntervalSince1970: 1_795_308_000.5), text: "hello")]),
            attachments: [Attachment(name: "a.txt", contentType: "text/plain", url: "https://files.example/a.txt")],
            signals: SpamSignals(score: 1.25, verdict: "ham", spf: "pass")
        )
        #expect(try roundTrip(event) == event)
    }

    @Test func aDecisionWithAnEnumCaseAndItsDraftComesBackTheSame() throws {
        let draft = TicketDraft(
            destination: "spp", requester: Party(email: "a@b.co"), subject: "s", message: "line one\nline two", tags: ["a", "b"],
            assignee: 17, replyTo: "55")
        let decisions = [
            Decision(trace: [RuleTrace(rule: "billing", result: .matched)], outcome: .deliver(draft)),
            Decision(trace: [], outcome: .drop(rule: "spam", reason: "keywords")),
            Decision(trace: [RuleTrace(rule: "x", result: .matched, failedCondition: nil)], outcome: .unrouted(reason: "no rule")),
        ]
        for decision in decisions {
            #expect(try roundTrip(decision) == decision)
        }
    }

    @Test func openValuesKeepTheirTypes() throws {
        let value: JSONValue = [
            "null": .null, "yes": true, "count": 3, "ratio": .double(0.5), "big": .double(1e300), "negative": -42, "text": "x",
            "list": [1, "two", [3], ["four": 4]], "empty": [:], "none": [],
        ]
        #expect(try roundTrip(value) == value)
    }

    @Test func writesCompactJSONWithEscapesAndMilliseconds() throws {
        struct Sample: Encodable {
            let text = "a\"b\\c\nd\u{01}"
            let at = Date(timeIntervalSince1970: 1.5)
            let whole = 2.0
            let bytes = Data([0, 1, 2])
            let missing: String? = nil
        }
        let text = String(decoding: try encoder.encode(Sample()), as: UTF8.self)
        #expect(text == #"{"text":"a\"b\\c\nd\u0001","at":1500,"whole":2,"bytes":"AAEC"}"#)
    }

    @Test func nestedContainersCloseWhereTheirParentMovesOn() throws {
        struct Nested: Encodable {
            enum Keys: String, CodingKey { case first, inner, list, last }
            enum InnerKeys: String, CodingKey { case value }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: Keys.self)
                try container.encode(1, forKey: .first)
                var inner = container.nestedContainer(keyedBy: InnerKeys.self, forKey: .inner)
                try inner.encode("v", forKey: .value)
                var list = container.nestedUnkeyedContainer(forKey: .list)
                try list.encode(true)
                var deeper = list.nestedUnkeyedContainer()
                try deeper.encodeNil()
                try container.encode("end", forKey: .last)
            }
        }
        let text = String(decoding: try encoder.encode([Nested(), Nested()]), as: UTF8.self)
        let one = #"{"first":1,"inner":{"value":"v"},"list":[true,[null]],"last":"end"}"#
        #expect(text == "[\(one),\(one)]")
    }

    @Test func subclassesShareTheirEncoderOrNestTheirSuperclass() throws {
        class Base: Encodable {
            var a = 1
        }
        final class SharingContainer: Base {
            enum Keys: CodingKey { case b }
            override func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: Keys.self)
                try container.encode(2, forKey: .b)
                try super.encode(to: encoder)
            }
        }
        final class NestingSuper: Base {
            enum Keys: CodingKey { case b }
            override func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: Keys.self)
                try container.encode(2, forKey: .b)
                try super.encode(to: container.superEncoder())
            }
        }
        #expect(String(decoding: try encoder.encode(SharingContainer()), as: UTF8.self) == #"{"b":2,"a":1}"#)
        #expect(String(decoding: try encoder.encode([NestingSuper()]), as: UTF8.self) == #"[{"b":2,"super":{"a":1}}]"#)
    }

    @Test func refusesNumbersJSONCannotHold() {
        #expect(throws: EncodingError.self) { try encoder.encode([Double.nan]) }
        #expect(throws: EncodingError.self) { try encoder.encode(["x": Double.infinity]) }
    }

    /// Generated events, drafts, decisions and open values, written by both encoders.
    @Test func agreesWithJSONEncoderOnGeneratedValues() throws {
        let seed = try TestSeed.next()
        var values = GeneratedValues(seed: seed.value)
        recordingSeed(seed) { () throws in
            for _ in 0..<300 {
                #expect(try Self.differences(values.event()) == [], "\(seed)")
                #expect(try Self.differences(values.decision()) == [], "\(seed)")
                #expect(try Self.differences(values.json(depth: 0)) == [], "\(seed)")
            }
        }
    }

    /// How the value as `CompactJSONEncoder` writes it differs from the value as `JSONEncoder` writes it: read as
    /// `JSONValue` (numbers compared by value), and read back by `JSONDecoder` as the value's type.
    static func differences<Value: Codable & Equatable>(_ value: Value) throws -> [String] {
        let compact = Data(try CompactJSONEncoder().encode(value))
        let reference = JSONEncoder()
        reference.dateEncodingStrategy = .millisecondsSince1970
        let referenceJSON = try reference.encode(value)
        let expected = try JSONDecoder().decode(JSONValue.self, from: referenceJSON)
        var differences: [String] = []
        let written = try JSONDecoder().decode(JSONValue.self, from: compact)
        if numbersAsDoubles(written) != numbersAsDoubles(expected) {
            differences.append("written \(String(decoding: compact, as: UTF8.self)), JSONEncoder wrote \(expected)")
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        if try decoder.decode(Value.self, from: compact) != decoder.decode(Value.self, from: referenceJSON) {
            differences.append("\(String(decoding: compact, as: UTF8.self)) reads back as another value than JSONEncoder's JSON")
        }
        return differences
    }

    private static func numbersAsDoubles(_ value: JSONValue) -> JSONValue {
        switch value {
        case .int(let number): .double(Double(number))
        case .array(let items): .array(items.map(numbersAsDoubles))
        case .object(let members): .object(members.mapValues(numbersAsDoubles))
        default: value
        }
    }
}

/// Values of the store's types with random members: text with quotes, backslashes, control characters and
/// characters beyond ASCII, dates with fractions of a millisecond, optionals set or not.
struct GeneratedValues {
    private var random: SeededRandom

    init(seed: UInt64) {
        random = SeededRandom(seed: seed)
    }

    private static let pieces = [
        "a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\u{01}", "\u{1F}", "\u{7F}", "é", "ß", "€", "😀", "👩‍💻", "\u{2028}", "<", "&",
    ]

    mutating func text() -> String {
        (0..<Int.random(in: 0...8, using: &random)).map { _ in Self.pieces.randomElement(using: &random)! }.joined()
    }

    mutating func maybe<T>(_ make: (inout GeneratedValues) -> T) -> T? {
        Bool.random(using: &random) ? make(&self) : nil
    }

    mutating func list<T>(_ make: (inout GeneratedValues) -> T) -> [T] {
        (0..<Int.random(in: 0...3, using: &random)).map { _ in make(&self) }
    }

    mutating func date() -> Date {
        Date(timeIntervalSince1970: Double.random(in: -2_000_000_000...4_000_000_000, using: &random))
    }

    mutating func integer() -> Int { Int.random(in: -1_000_000...1_000_000, using: &random) }

    mutating func party() -> Party { Party(email: maybe { $0.text() }, name: maybe { $0.text() }) }

    mutating func draft() -> TicketDraft {
        TicketDraft(
            destination: text(), requester: party(), subject: text(), message: text(), tags: list { $0.text() }, assignee: maybe { $0.integer() },
            assigneeRotation: maybe { AssigneeRotation(key: $0.text(), pool: $0.list { $0.integer() }) }, staffOnly: Bool.random(using: &random),
            note: maybe { $0.text() }, metadata: list { $0.text() }, brand: maybe { $0.integer() }, status: maybe { $0.text() },
            nextAction: maybe { $0.text() }, replyTo: maybe { $0.text() }, order: maybe { $0.text() }, cc: maybe { $0.list { $0.text() } },
            writtenAt: maybe { $0.date() }, fallback: maybe { $0.text() })
    }

    mutating func decision() -> Decision {
        let results: [RuleTrace.Result] = [.matched, .notMatched, .notEvaluated]
        let trace = list { RuleTrace(rule: $0.text(), result: results.randomElement(using: &$0.random)!, failedCondition: $0.maybe { $0.text() }) }
        let outcome: Decision.Outcome =
            switch Int.random(in: 0..<3, using: &random) {
            case 0: .deliver(draft())
            case 1: .drop(rule: text(), reason: text())
            default: .unrouted(reason: text())
            }
        return Decision(trace: trace, outcome: outcome)
    }

    mutating func event() -> InboundEvent {
        let kinds: [EventKind] = [.form, .email, .chat]
        let roles: [ChatRole] = [.customer, .agent, .bot]
        return InboundEvent(
            id: EventID(rawValue: text()), source: text(), kind: kinds.randomElement(using: &random)!, format: text(), receivedAt: date(),
            occurredAt: maybe { $0.date() }, providerEventID: maybe { $0.text() }, sender: party(), recipient: maybe { $0.text() },
            subject: maybe { $0.text() }, text: maybe { $0.text() }, fullText: maybe { $0.text() }, html: maybe { $0.text() },
            fields: list { FormField(name: $0.text(), value: $0.text(), label: $0.maybe { $0.text() }, type: $0.maybe { $0.text() }) },
            headers: Dictionary(list { ($0.text(), $0.text()) }, uniquingKeysWith: { first, _ in first }), clientIP: maybe { $0.text() },
            thread: ThreadKeys(
                messageID: maybe { $0.text() }, inReplyTo: maybe { $0.text() }, references: list { $0.text() }, conversationID: maybe { $0.text() }),
            cc: maybe { $0.list { $0.text() } },
            transcript: maybe { values in
                ChatTranscript(
                    conversationID: values.maybe { $0.text() },
                    participants: values.list {
                        ChatParticipant(id: $0.maybe { $0.text() }, role: roles.randomElement(using: &$0.random)!, name: $0.maybe { $0.text() })
                    },
                    turns: values.list {
                        ChatTurn(
                            role: roles.randomElement(using: &$0.random)!, name: $0.maybe { $0.text() }, at: $0.maybe { $0.date() }, text: $0.text(),
                            html: $0.maybe { $0.text() })
                    })
            },
            attachments: list {
                Attachment(
                    name: $0.text(), contentType: $0.text(), size: $0.maybe { abs($0.integer()) }, contentID: $0.maybe { $0.text() },
                    inline: Bool.random(using: &$0.random), url: $0.maybe { $0.text() })
            },
            signals: maybe {
                SpamSignals(
                    score: $0.maybe { Double.random(in: -100...100, using: &$0.random) }, verdict: $0.maybe { $0.text() }, spf: $0.maybe { $0.text() }
                )
            })
    }

    mutating func json(depth: Int) -> JSONValue {
        switch Int.random(in: 0..<(depth < 3 ? 8 : 6), using: &random) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &random))
        case 2: return .int(Int64.random(in: Int64.min...Int64.max, using: &random))
        case 3: return .double(Double.random(in: -1e12...1e12, using: &random))
        case 4, 5: return .string(text())
        case 6: return .array(list { $0.json(depth: depth + 1) })
        default: return .object(Dictionary(list { ($0.text(), $0.json(depth: depth + 1)) }, uniquingKeysWith: { first, _ in first }))
        }
    }
}
