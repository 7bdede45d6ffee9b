import Foundation
import Testing
import TicketGateCore

/// The JSON the store keeps of `InboundEvent`, `Decision` and `TicketDraft` (`CompactJSONEncoder`, through
/// their `Encodable` conformances): the same JSON as Foundation's `JSONEncoder` writes, read back as the same
/// value, with every stored property in it.
@Suite struct StoredJSONTests {
    static let received = Date(timeIntervalSince1970: 1_763_800_000.123)

    static let events: [InboundEvent] = [
        InboundEvent(id: EventID(rawValue: "evt-1"), source: "website", kind: .form, format: "generic", receivedAt: received),
        InboundEvent(
            id: EventID(rawValue: "evt-2"), source: "website", kind: .form, format: "generic", receivedAt: received,
            sender: Party(email: "jane@example.com", name: "Jane \"JD\" Doe"), subject: "Refund\tplease", text: "Line one\nline two é 😀",
            fields: [FormField(name: "email", value: "jane@example.com"), FormField(name: "plan", value: "pro", label: "Plan", type: "select")],
            headers: ["user-agent": "curl/8", "x-forwarded-for": "203.0.113.9", "content-type": "application/json"], clientIP: "203.0.113.9"
        ),
        InboundEvent(
            id: EventID(rawValue: "evt-3"), source: "support-mail", kind: .email, format: "mailgun", receivedAt: received,
            occurredAt: Date(timeIntervalSince1970: 1_763_799_990), providerEventID: "msg-9", sender: Party(email: "a@b.example"),
            recipient: "support@acme.example", subject: "Re: order", text: "Thanks", fullText: "Thanks\n> quoted", html: "<p>Thanks</p>",
            thread: ThreadKeys(messageID: "<m1@x>", inReplyTo: "<m0@x>", references: ["<a@x>", "<m0@x>"], conversationID: "c-1"),
            cc: ["c@d.example", "e@f.example"],
            attachments: [
                Attachment(name: "invoice.pdf", contentType: "application/pdf", size: 4),
                Attachment(name: "logo.png", contentType: "image/png", size: 10, contentID: "logo", inline: true, url: "https://files.example/logo"),
            ],
            signals: SpamSignals(score: 1.5, verdict: "ham", spf: "pass", dkim: "pass", dmarc: "pass")
        ),
        InboundEvent(
            id: EventID(rawValue: "evt-4"), source: "chat", kind: .chat, format: "intercom", receivedAt: received, sender: Party(name: "Visitor"),
            thread: ThreadKeys(conversationID: "conv-7"),
            transcript: ChatTranscript(
                conversationID: "conv-7", participants: [ChatParticipant(id: "u1", role: .customer, name: "Visitor")],
                turns: [
                    ChatTurn(role: .customer, name: "Visitor", at: received, text: "Hi"), ChatTurn(role: .bot, text: "Hello!", html: "<b>Hello!</b>"),
                ]),
            signals: SpamSignals()
        ),
    ]

    @Test(arguments: events)
    func eventIsWrittenAsJSONEncoderWritesIt(event: InboundEvent) throws {
        try Self.expectWrittenAsByJSONEncoder(event)
    }

    static let decisions: [Decision] = [
        Decision(trace: [], outcome: .unrouted(reason: "no destination")),
        Decision(
            trace: [
                RuleTrace(rule: "spam", result: .notMatched, failedCondition: "body matches \"(?i)casino\""),
                RuleTrace(rule: "billing", result: .matched), RuleTrace(rule: "late", result: .notEvaluated),
            ],
            outcome: .drop(rule: "spam", reason: "spam keywords")),
        Decision(trace: [RuleTrace(rule: "billing", result: .matched)], outcome: .deliver(TicketDraft.form(subject: "Refund", tags: ["billing"]))),
    ]

    @Test(arguments: decisions)
    func decisionIsWrittenAsJSONEncoderWritesIt(decision: Decision) throws {
        try Self.expectWrittenAsByJSONEncoder(decision)
    }

    static let drafts: [TicketDraft] = [
        TicketDraft(destination: "spp", requester: Party(), subject: "", message: ""),
        TicketDraft(
            destination: "omnidesk", requester: Party(email: "jane@example.com", name: "Jane"), subject: "Refund \"now\"",
            message: "Line one\nline two é", tags: ["billing", "vip"], assignee: 17, assigneeRotation: AssigneeRotation(key: "team", pool: [3, 5]),
            staffOnly: true, note: "internal", metadata: ["enterprise"], brand: 2, status: "open", nextAction: "call", replyTo: "r@x.example",
            order: "ORD-1", cc: ["c@x.example"], writtenAt: received, fallback: "spp", vendorSettings: ["body": .text("{}"), "group": .integer(3)]),
    ]

    @Test(arguments: drafts)
    func draftIsWrittenAsJSONEncoderWritesIt(draft: TicketDraft) throws {
        try Self.expectWrittenAsByJSONEncoder(draft)
        try Self.expectWrittenAsByJSONEncoder(Decision(trace: [], outcome: .deliver(draft)))
    }

    static func expectWrittenAsByJSONEncoder<Value: Codable & Equatable>(_ value: Value) throws {
        #expect(try CompactJSONEncoderTests.differences(value) == [])
    }

    /// An event and a draft with every stored property set, so that a property the JSON leaves out shows.
    static let fullEvent = InboundEvent(
        id: EventID(rawValue: "evt-full"), source: "support-mail", kind: .email, format: "mailgun", receivedAt: received,
        occurredAt: Date(timeIntervalSince1970: 1_763_799_990), providerEventID: "msg-9", sender: Party(email: "a@b.example", name: "A"),
        recipient: "support@acme.example", subject: "Re: order", text: "Thanks", fullText: "Thanks\n> quoted", html: "<p>Thanks</p>",
        fields: [FormField(name: "plan", value: "pro", label: "Plan", type: "select")], headers: ["x-a": "b"], clientIP: "203.0.113.9",
        thread: ThreadKeys(messageID: "<m1@x>", inReplyTo: "<m0@x>", references: ["<a@x>"], conversationID: "c-1"), cc: ["c@d.example"],
        transcript: ChatTranscript(
            conversationID: "conv-7", participants: [ChatParticipant(id: "u1", role: .customer, name: "Visitor", email: "v@x.example")],
            turns: [ChatTurn(role: .customer, name: "Visitor", at: received, text: "Hi", html: "<p>Hi</p>")]),
        attachments: [
            Attachment(name: "logo.png", contentType: "image/png", size: 10, contentID: "logo", inline: true, url: "https://files.example/logo")
        ],
        signals: SpamSignals(score: 1.5, verdict: "ham", spf: "pass", dkim: "pass", dmarc: "pass")
    )

    /// Every stored property of the event, the draft and what they hold (as `Mirror` lists them) is set in the
    /// fixtures above and is a member of the JSON the store writes: a property a type's `CodingKeys` or
    /// `encode(to:)` leaves out fails here.
    @Test func everyStoredPropertyIsWritten() throws {
        let draft = try #require(Self.drafts.last)
        let decision = Decision(trace: [RuleTrace(rule: "r", result: .notMatched, failedCondition: "x")], outcome: .deliver(draft))
        for value in [Self.fullEvent as Any, draft, decision] {
            let written: [UInt8] =
                switch value {
                case let event as InboundEvent: try CompactJSONEncoder().encode(event)
                case let draft as TicketDraft: try CompactJSONEncoder().encode(draft)
                default: try CompactJSONEncoder().encode(value as! Decision)
                }
            let json = try JSONSerialization.jsonObject(with: Data(written))
            Self.expectEveryProperty(of: value, in: json, path: "\(type(of: value))")
        }
    }

    /// Properties the `Encodable` conformances leave out on purpose: an attachment's bytes are not part of the
    /// event's JSON (`Attachment.CodingKeys`).
    static let notStored: Set<String> = ["InboundEvent.attachments[].data"]

    /// Walks `value`'s stored properties alongside `json`: each must be set and present under its own name.
    static func expectEveryProperty(of value: Any, in json: Any, path: String) {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .struct:
            guard let object = json as? [String: Any] else { return }
            for child in mirror.children {
                guard let label = child.label, !notStored.contains("\(path).\(label)") else { continue }
                let property = Mirror(reflecting: child.value)
                if property.displayStyle == .optional, property.children.isEmpty {
                    Issue.record("\(path).\(label) is nil in the fixture: set it, so that the test sees whether it is written")
                    continue
                }
                guard let member = object[label] else {
                    Issue.record("\(path).\(label) is not written")
                    continue
                }
                expectEveryProperty(
                    of: property.displayStyle == .optional ? property.children.first!.value : child.value, in: member, path: "\(path).\(label)")
            }
        case .collection:
            guard let array = json as? [Any] else { return }
            for (element, member) in zip(mirror.children, array) { expectEveryProperty(of: element.value, in: member, path: path + "[]") }
        case .enum:
            // An enum with a payload is written as an object keyed by its case; its payload's members are checked.
            guard let object = json as? [String: Any], let payload = mirror.children.first, let label = payload.label, let member = object[label]
            else {
                return
            }
            let values = Mirror(reflecting: payload.value)
            if values.displayStyle == .tuple, let members = member as? [String: Any] {
                for field in values.children {
                    if let name = field.label, let written = members[name] {
                        expectEveryProperty(of: field.value, in: written, path: "\(path).\(label).\(name)")
                    }
                }
            }
        default:
            return
        }
    }
}
