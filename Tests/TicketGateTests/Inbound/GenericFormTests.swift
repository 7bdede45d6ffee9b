import Foundation
import HTTPTypes
import Testing
import TicketGateCore
import TicketGateInbound

/// `kind: form, format: generic`: JSON and urlencoded forms through the `fields:` map into the normalized event.
@Suite struct GenericFormTests {
    static let endpoint = SourceEndpoint(
        SourceDefinition(
            name: "contact",
            kind: .form,
            verification: VerificationSettings(scheme: .hmacSHA256, header: "X-Signature", prefix: "sha256=", secrets: [Secret("k")]),
            fields: FieldMap(email: "contact.email", name: "contact.name", subject: "topic", message: "text")
        )
    )

    static func receive(_ body: String, contentType: String?, extraHeaders: [String: String] = [:]) throws(InboundError) -> InboundEvent {
        var headers = HTTPFields()
        if let contentType { headers[.contentType] = contentType }
        headers[HTTPField.Name("X-Signature")!] = Signing.header(body, secret: "k")
        for (name, value) in extraHeaders { headers[HTTPField.Name(name)!] = value }
        let request = InboundRequest(
            body: Data(body.utf8), headers: headers, clientIP: "203.0.113.9", receivedAt: Date(timeIntervalSince1970: 1_800_000_000))
        return try endpoint.receive(request).event
    }

    @Test func jsonObjectAfterLeadingWhitespaceIsMapped() throws {
        let event = try Self.receive(
            " \r\n\t" + #"{"contact":{"email":"jane@example.com"},"topic":"Hi","text":"Hello","seats":[1,{"x":null}]}"#,
            contentType: "application/json")
        #expect(event.sender.email == "jane@example.com")
        #expect(event.subject == "Hi")
    }

    @Test(arguments: [" Application/JSON\t", "application/vnd.api+json", "application/json;charset=utf-8"])
    func mediaTypesAreReadWithOrWithoutParameters(contentType: String) throws {
        let event = try Self.receive(#"{"contact":{"email":"jane@example.com"},"topic":"Hi","text":"Hello"}"#, contentType: contentType)
        #expect(event.subject == "Hi")
    }

    @Test func aMediaTypeTheSourceCannotReadIsRefused() {
        let error = #expect(throws: InboundError.self) { try Self.receive("a=b", contentType: "text/plain") }
        #expect(error?.check == .unsupportedMediaType)
    }

    @Test func jsonFormIsMappedThroughTheFieldMap() throws {
        let body =
            #"{"contact":{"email":" jane@example.com ","name":"Jane"},"topic":"Hi","text":"Line 1\nLine 2","plan":"pro","seats":12,"trial":true,"tags":["a","b"]}"#
        let event = try Self.receive(
            body, contentType: "application/json; charset=utf-8", extraHeaders: ["Authorization": "Bearer x", "User-Agent": "forms/1.0"])
        #expect(event.source == "contact")
        #expect(event.kind == .form)
        #expect(event.format == "generic")
        #expect(event.sender == Party(email: "jane@example.com", name: "Jane"))
        #expect(event.subject == "Hi")
        #expect(event.text == "Line 1\nLine 2")
        #expect(event.clientIP == "203.0.113.9")
        #expect(event.receivedAt == Date(timeIntervalSince1970: 1_800_000_000))
        #expect(event.fields.value(named: "plan") == "pro")
        #expect(event.fields.value(named: "seats") == "12")
        #expect(event.fields.value(named: "trial") == "true")
        #expect(event.fields.value(named: "tags") == "a, b")
        #expect(event.fields.value(named: "contact.email") == " jane@example.com ")
        // Credentials and the signature never reach the event.
        #expect(event.headers["authorization"] == nil)
        #expect(event.headers["x-signature"] == nil)
        #expect(event.headers["user-agent"] == "forms/1.0")
    }

    @Test func urlEncodedFormKeepsOrderDecodesAndJoinsRepeatedFields() throws {
        let body = "contact.email=jane%2Btag%40example.com&contact.name=Jane+Doe&topic=Caf%C3%A9&text=a+%26+b&interest=x&interest=y"
        let event = try Self.receive(body, contentType: "application/x-www-form-urlencoded")
        #expect(event.sender == Party(email: "jane+tag@example.com", name: "Jane Doe"))
        #expect(event.subject == "Café")
        #expect(event.text == "a & b")
        #expect(event.fields.map(\.name) == ["contact.email", "contact.name", "topic", "text", "interest"])
        #expect(event.fields.value(named: "interest") == "x, y")
    }

    @Test func eventIDsAreVersion7AndSortByTime() throws {
        let first = try Self.receive(#"{"text":"a"}"#, contentType: "application/json").id.rawValue
        let later = EventID.generate(at: Date(timeIntervalSince1970: 1_900_000_000)).rawValue
        #expect(first.count == 36)
        #expect(Array(first)[14] == "7")
        #expect(first < later)
    }

    @Test(arguments: [
        (String?("text/plain"), "hi", InboundError.Check.unsupportedMediaType),
        (nil, #"{"text":"a"}"#, .unsupportedMediaType),
        ("application/json", #"{"text": "#, .malformedBody),
        ("application/json", #""just a string""#, .malformedBody),
        ("application/x-www-form-urlencoded", "text=%E2%82", .malformedBody),
        ("application/json", #"{"topic":"only a subject"}"#, .missingFields),
        ("application/json", #"{"contact":{"email":"not an address"},"text":"x"}"#, .invalidField),
    ])
    func refusedBodies(contentType: String?, body: String, check: InboundError.Check) throws {
        let error = try #require(throws: InboundError.self) { try Self.receive(body, contentType: contentType) }
        #expect(error.check == check)
    }

    @Test func verificationRunsBeforeTheBodyIsParsed() throws {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        let error = try #require(throws: InboundError.self) {
            try Self.endpoint.receive(InboundRequest(body: Data("{ not even JSON".utf8), headers: headers))
        }
        #expect(error.check == .signatureMissing)
    }
}
