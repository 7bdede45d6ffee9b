import Foundation
import GRDB
import Testing
import TicketGateCore

@testable import TicketGateServer
@testable import TicketGateStore

/// The attacker's findings on event bodies, each as a request to a running gateway: what a sender controls
/// is capped where a provider's own limits make more meaningless, refused where the store cannot hold it, and
/// encoded where it would reach a vendor's request.
@Suite struct HostileInputTests {
    static let rules = """
        sources:
          postmark: { kind: email, format: postmark, verify: { scheme: none } }
          sendgrid: { kind: email, format: sendgrid, verify: { scheme: none } }
          chat: { kind: chat, format: generic, max_body_bytes: 25MiB, verify: { scheme: none } }
          form: { kind: form, format: generic, max_body_bytes: 25MiB, verify: { scheme: none } }
        destinations:
          spp: { vendor: spp, url: "https://acme.spp.co", token: "" }
        defaults: { destination: spp }
        """

    /// A Postmark inbound message with the given extra headers and attachments.
    static func postmark(
        headers: [(String, String)] = [], attachments: [[String: String]] = [], from: String = "jane@example.com",
        messageID: String = "m-\(UUID().uuidString)"
    ) -> String {
        let value: JSONValue = [
            "From": .string(from), "FromFull": ["Email": .string(from), "Name": "Jane"], "Subject": "Hello", "TextBody": "Hi there",
            "MessageID": .string(messageID),
            "Headers": .array(headers.map { ["Name": .string($0.0), "Value": .string($0.1)] }),
            "Attachments": .array(attachments.map { .object($0.mapValues(JSONValue.string)) }),
        ]
        return String(decoding: try! JSONEncoder().encode(value), as: UTF8.self)
    }

    static func chat(participants: Int, turns: Int, time: JSONValue = "2026-11-21T10:00:00Z") -> String {
        let people = (0..<participants).map { #"{"id":"p\#($0)","role":"customer","name":"Person \#($0)"}"# }.joined(separator: ",")
        let timeText = String(decoding: try! JSONEncoder().encode(time), as: UTF8.self)
        let said = (0..<turns).map { #"{"participant":"p\#($0 % max(participants, 1))","time":\#(timeText),"text":"turn \#($0)"}"# }
        return #"{"participants":[\#(people)],"turns":[\#(said.joined(separator: ","))]}"#
    }

    // MARK: - Work linear in the input, with caps

    /// 30,000 `References` ids: the event keeps the newest 100, and its delivery names its conversation by
    /// them, in one statement each, not 30,000.
    @Test func thirtyThousandReferencesAreCappedAndStoredInOneStatement() async throws {
        let gateway = try GatewayHarness(rules: Self.rules)
        let references = (0..<30_000).map { "<ref-\($0)@mail.example>" }.joined(separator: " ")
        try await gateway.run { client in
            let response = try await withTimeout(.seconds(60)) {
                try await client.post(
                    "/hooks/postmark", body: Self.postmark(headers: [("Message-ID", "<new@mail.example>"), ("References", references)]),
                    contentType: "application/json")
            }
            #expect(response.status == .accepted)
            let report = try await gateway.report(try #require(response.eventID))
            #expect(report.event.thread.references.count == 100)
            #expect(report.event.thread.references.last == "ref-29999@mail.example")
        }
        let keys = try await gateway.store.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM conversation") }
        #expect(keys == 101)
    }

    /// A chat of 9,000 participants and 20,000 turns is past what a ticket can show; at 10,000 turns it is read,
    /// each turn finding its participant by id.
    @Test func aChatOfThousandsOfParticipantsAndTurnsIsCappedOrReadInOnePass() async throws {
        let gateway = try GatewayHarness(rules: Self.rules)
        try await gateway.run { client in
            let over = try await withTimeout(.seconds(60)) {
                try await client.post("/hooks/chat", body: Self.chat(participants: 9_000, turns: 20_000), contentType: "application/json")
            }
            #expect(over.status == .contentTooLarge)
            #expect(over.json?["type"]?.string == "urn:ticketgate:problem:too-many-turns")
            let at = try await withTimeout(.seconds(60)) {
                try await client.post("/hooks/chat", body: Self.chat(participants: 9_000, turns: 10_000), contentType: "application/json")
            }
            #expect(at.status == .accepted)
            let report = try await gateway.report(try #require(at.eventID))
            #expect(report.event.transcript?.turns.last?.name == "Person 999")
        }
    }

    /// A million urlencoded fields, and as many JSON leaves: more than any form has.
    @Test func aMillionFieldsAreRefused() async throws {
        let gateway = try GatewayHarness(rules: Self.rules)
        let urlencoded = (0..<1_000_000).map { "f\($0)=v" }.joined(separator: "&")
        let json = "{" + (0..<20_000).map { #""f\#($0)":"v""# }.joined(separator: ",") + "}"
        try await gateway.run { client in
            for (body, type) in [(urlencoded, "application/x-www-form-urlencoded"), (json, "application/json")] {
                let response = try await withTimeout(.seconds(60)) { try await client.post("/hooks/form", body: body, contentType: type) }
                #expect(response.status == .contentTooLarge)
                #expect(response.json?["type"]?.string == "urn:ticketgate:problem:too-many-fields")
            }
        }
    }

    /// A SendGrid `headers` field of megabytes: the first MiB is read, so the thread keys at its start are
    /// found and a header past it is not looked at.
    @Test func aHugeSendGridHeaderBlockIsReadToItsFirstMiB() async throws {
        let gateway = try GatewayHarness(rules: Self.rules)
        let filler = (0..<100_000).map { "X-Filler-\($0): \(String(repeating: "v", count: 12))\r\n" }.joined()
        let block = "Message-ID: <first@mail.example>\r\n" + filler + "In-Reply-To: <late@mail.example>\r\n"
        let fields = [("from", "Jane <jane@example.com>"), ("text", "Hello"), ("headers", block)]
        let boundary = "xYzZy"
        let body =
            fields.map { "--\(boundary)\r\nContent-Disposition: form-data; name=\"\($0.0)\"\r\n\r\n\($0.1)\r\n" }.joined() + "--\(boundary)--\r\n"
        try await gateway.run { client in
            let response = try await withTimeout(.seconds(60)) {
                try await client.post("/hooks/sendgrid", body: body, contentType: "multipart/form-data; boundary=\(boundary)")
            }
            #expect(response.status == .accepted)
            let event = try await gateway.report(try #require(response.eventID)).event
            #expect(event.thread.messageID == "first@mail.example")
            #expect(event.thread.inReplyTo == nil)
        }
    }

    // MARK: - Values the store cannot hold

    /// Numbers that read as infinity or NaN, and times past the year 9999: a 4xx, never a 503 that makes the
    /// provider send the event again for ever.
    @Test(arguments: [
        ("chat", chat(participants: 1, turns: 1, time: "NaN")), ("chat", chat(participants: 1, turns: 1, time: "Infinity")),
        ("chat", chat(participants: 1, turns: 1, time: "-inf")), ("chat", chat(participants: 1, turns: 1, time: "1e999")),
        ("chat", chat(participants: 1, turns: 1, time: .double(1e300))), ("chat", chat(participants: 1, turns: 1, time: "-1e300")),
        ("postmark", postmark(headers: [("X-Spam-Score", "NaN")])), ("postmark", postmark(headers: [("X-Spam-Score", "inf")])),
        ("postmark", postmark(headers: [("X-Spam-Score", "-1e999")])),
    ])
    func valuesTheStoreCannotHoldAre422(source: String, body: String) async throws {
        let gateway = try GatewayHarness(rules: Self.rules)
        try await gateway.run { client in
            let response = try await client.post("/hooks/\(source)", body: body, contentType: "application/json")
            #expect(response.status == .unprocessableContent, "\(String(buffer: response.body))")
            #expect(response.json?["type"]?.string == "urn:ticketgate:problem:invalid-field")
        }
        #expect(try await gateway.store.listEvents(.init()).events.isEmpty)
    }

    @Test(arguments: ["jane\u{0}@example.com", "jane@exam\u{0}ple.com", "jane@example.com\r\nBcc: x@y.z", "jane\u{85}@example.com"])
    func aSenderAddressWithAControlCharacterIsRefused(address: String) async throws {
        let gateway = try GatewayHarness(rules: Self.rules)
        try await gateway.run { client in
            let response = try await client.post("/hooks/postmark", body: Self.postmark(from: address), contentType: "application/json")
            #expect(response.status == .unprocessableContent)
        }
        #expect(try await gateway.store.listEvents(.init()).events.isEmpty)
    }

    /// PostgreSQL's text holds no U+0000: a provider id with one is kept written out, so two ids that differ
    /// after it stay two events and a repeat is still a duplicate; a thread id with one names no conversation.
    @Test func idsWithANULAreStoredAsThemselves() async throws {
        let gateway = try GatewayHarness(rules: Self.rules)
        try await gateway.run { client in
            let first = Self.postmark(headers: [("In-Reply-To", "<a\u{0}b@example.com>")], messageID: "m\u{0}1")
            let stored = try await client.post("/hooks/postmark", body: first, contentType: "application/json")
            let repeated = try await client.post("/hooks/postmark", body: first, contentType: "application/json")
            let other = try await client.post("/hooks/postmark", body: Self.postmark(messageID: "m\u{0}2"), contentType: "application/json")
            #expect([stored.status, repeated.status, other.status] == [.accepted, .ok, .accepted])
        }
        let events = try await gateway.store.listEvents(.init()).events
        #expect(events.count == 2)
        for event in events {
            let report = try #require(try await gateway.store.report(for: event.id))
            #expect(report.event.providerEventID?.hasPrefix("m\\u{0}") == true, "\(String(describing: report.event.providerEventID))")
        }
    }

    // MARK: - Nothing injected downstream

    /// A content type with a line break, file names with path separators, NUL and quotes: the multipart
    /// request to SPP (here its dry run) has exactly its own parts, every file name a plain name.
    @Test func attachmentNamesAndTypesCannotAddPartsOrPaths() async throws {
        let gateway = try GatewayHarness(rules: Self.rules)
        let attachments: [[String: String]] = [
            [
                "Name": "invoice.pdf", "Content": "aGVsbG8=",
                "ContentType": "application/pdf\r\n\r\n--x\r\nContent-Disposition: form-data; name=\"user_id\"",
            ],
            ["Name": "../../etc/passwd", "Content": "aGVsbG8=", "ContentType": "text/plain"],
            ["Name": "..\\..\\boot.ini", "Content": "aGVsbG8=", "ContentType": "text/plain"],
            ["Name": "evil\u{0}.txt\"; name=\"user_id", "Content": "aGVsbG8=", "ContentType": "text/plain"],
            ["Name": "..", "Content": "aGVsbG8=", "ContentType": "text/plain"],
        ]
        let (id, _) = try await gateway.run { client in
            let response = try await client.post("/hooks/postmark", body: Self.postmark(attachments: attachments), contentType: "application/json")
            #expect(response.status == .accepted)
            let id = try #require(response.eventID)
            return (id, try await gateway.finalDeliveries(of: id))
        }
        let report = try await gateway.report(id)
        #expect(report.event.attachments.map(\.name) == ["invoice.pdf", "passwd", "boot.ini", "evil.txt\"; name=\"user_id", "attachment"])
        #expect(report.event.attachments[0].contentType == "application/octet-stream")
        let message = try #require(
            report.audit.map(\.record).last { $0.stage == .dryRun && $0.detail["body"]?.string?.contains("form-data") == true })
        let body = try #require(message.detail["body"]?.string)
        #expect(body.components(separatedBy: "name=\"user_id\"").count == 2, "\(body)")
        #expect(!body.contains("../") && !body.contains("\u{0}") && !body.contains("passwd\"; name"))
    }
}
