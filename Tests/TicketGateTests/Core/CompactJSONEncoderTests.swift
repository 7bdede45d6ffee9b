import Foundation
import Testing
import TicketGateCore

/// What the store's JSON columns are written with: whatever it writes, `JSONDecoder` (with the store's date
/// strategy) reads back as the same value.
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
}
