import Foundation
import Testing
import TicketGateCore

/// Bad bodies at every format: truncated, oversized, wrongly typed and random. Every answer is a 4xx
/// problem document, the gateway keeps answering, and nothing is stored.
@Suite struct RobustnessTests {
    struct Format: Sendable, CustomStringConvertible {
        var kind: String
        var name: String
        var fixture: String
        var contentType: String
        /// A body of the right encoding whose values have the wrong types for this format.
        var wronglyTyped: @Sendable (String) -> String

        var source: String { "\(kind)-\(name)" }
        var description: String { "\(kind)/\(name) (\(fixture))" }
    }

    /// Every JSON value of the top-level object replaced by one of another type.
    static func retyped(_ json: String) -> String {
        guard let object = try? JSONDecoder().decode(JSONValue.self, from: Data(json.utf8)).object else { return "[]" }
        let wrong = object.mapValues { value -> JSONValue in
            switch value {
            case .object, .array: .string("text")
            case .string: .int(12345)
            default: .array(["x"])
            }
        }
        return String(decoding: (try? JSONEncoder().encode(JSONValue.object(wrong))) ?? Data(), as: UTF8.self)
    }

    static func replacingField(_ name: String, in multipart: String, with value: String) -> String {
        let marker = "name=\"\(name)\"\r\n\r\n"
        guard let start = multipart.range(of: marker), let end = multipart.range(of: "\r\n--", range: start.upperBound..<multipart.endIndex) else {
            return multipart
        }
        return multipart.replacingCharacters(in: start.upperBound..<end.lowerBound, with: value)
    }

    static let formats: [Format] = [
        Format(kind: "form", name: "generic", fixture: "form/generic.json", contentType: "application/json", wronglyTyped: retyped),
        Format(kind: "form", name: "generic", fixture: "form/generic.urlencoded", contentType: "application/x-www-form-urlencoded") { _ in
            "email=not-an-address&message=hi"
        },
        Format(kind: "form", name: "generic", fixture: "form/generic.multipart", contentType: Fixtures.multipartType) {
            replacingField("email", in: $0, with: "not-an-address")
        },
        Format(kind: "form", name: "typeform", fixture: "form/typeform.json", contentType: "application/json", wronglyTyped: retyped),
        Format(kind: "form", name: "tally", fixture: "form/tally.json", contentType: "application/json", wronglyTyped: retyped),
        Format(kind: "form", name: "webflow", fixture: "form/webflow.json", contentType: "application/json", wronglyTyped: retyped),
        Format(kind: "form", name: "jotform", fixture: "form/jotform.multipart", contentType: Fixtures.multipartType) {
            replacingField("rawRequest", in: $0, with: "[1, 2]")
        },
        Format(kind: "chat", name: "generic", fixture: "chat/generic.json", contentType: "application/json", wronglyTyped: retyped),
        Format(kind: "chat", name: "intercom", fixture: "chat/intercom.json", contentType: "application/json", wronglyTyped: retyped),
        Format(kind: "chat", name: "crisp", fixture: "chat/crisp.json", contentType: "application/json", wronglyTyped: retyped),
        Format(kind: "chat", name: "tawkto", fixture: "chat/tawkto.json", contentType: "application/json", wronglyTyped: retyped),
        Format(kind: "chat", name: "sunshine", fixture: "chat/sunshine.json", contentType: "application/json", wronglyTyped: retyped),
        Format(kind: "email", name: "mailgun", fixture: "email/mailgun.urlencoded", contentType: "application/x-www-form-urlencoded") {
            $0.split(separator: "&").map { $0.hasPrefix("message-headers=") ? "message-headers=%7B%7D" : String($0) }.joined(separator: "&")
        },
        Format(kind: "email", name: "mailgun", fixture: "email/mailgun.multipart", contentType: Fixtures.multipartType) {
            replacingField("message-headers", in: $0, with: "{\"not\": \"a list\"}")
        },
        Format(kind: "email", name: "sendgrid", fixture: "email/sendgrid.multipart", contentType: Fixtures.multipartType) {
            replacingField("charsets", in: $0, with: "[1]")
        },
        Format(kind: "email", name: "postmark", fixture: "email/postmark.json", contentType: "application/json", wronglyTyped: retyped),
    ]

    /// Every format at its own source, unsigned (so the bad bodies reach the parsers), with a 64 KiB body limit;
    /// and a Mailgun source with Mailgun's signature, whose verifier parses the body first.
    static var rules: String {
        var names = Set<String>()
        var lines = ["sources:"]
        for format in formats where names.insert(format.source).inserted {
            lines.append("  \(format.source): { kind: \(format.kind), format: \(format.name), max_body_bytes: 64KiB, verify: { scheme: none } }")
        }
        lines.append("  mailgun-signed: { kind: email, format: mailgun, verify: { scheme: mailgun, secrets: [k] } }")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Cuts a body where the cut is visible: inside a %-escape for urlencoded bodies, in the middle otherwise.
    static func truncated(_ body: String, contentType: String) -> String {
        if contentType.hasPrefix("application/x-www-form-urlencoded"), let percent = body.lastIndex(of: "%") {
            return String(body[...percent])
        }
        return String(body.prefix(body.count / 2))
    }

    /// Bytes from a fixed seed, starting with a byte that is never UTF-8, so no random body is a valid form.
    static func random(_ seed: UInt64, length: Int) -> [UInt8] {
        var state = seed
        var bytes: [UInt8] = [0xFF]
        for _ in 0..<length {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            bytes.append(UInt8(truncatingIfNeeded: state >> 33))
        }
        return bytes
    }

    @Test(arguments: formats)
    func badBodiesGetProblemsAndStoreNothing(format: Format) async throws {
        let fixture = try Fixtures.text(format.fixture)
        var cases: [(String, [UInt8])] = [
            ("truncated", Array(Self.truncated(fixture, contentType: format.contentType).utf8)),
            ("oversized", Array((fixture + String(repeating: " ", count: 70_000)).utf8)),
            ("wrongly typed", Array(format.wronglyTyped(fixture).utf8)),
            ("empty", []),
        ]
        for seed in 1...12 {
            cases.append(("random \(seed)", Self.random(UInt64(seed), length: seed * 97)))
        }
        let bodies = cases
        let gateway = try GatewayHarness(rules: Self.rules)
        try await gateway.run { client in
            for source in [format.source] + (format.name == "mailgun" ? ["mailgun-signed"] : []) {
                for (label, body) in bodies {
                    let response = try await client.post("/hooks/\(source)", bytes: body, contentType: format.contentType)
                    #expect((400..<500).contains(response.status.code), "\(source) \(label): \(response.status)")
                    #expect(response.headers[.contentType] == "application/problem+json", "\(source) \(label)")
                    #expect(response.json?["type"]?.string?.hasPrefix("urn:ticketgate:problem:") == true, "\(source) \(label)")
                }
            }
            // Still answering: the fixture itself is accepted afterwards.
            let good = try await client.post("/hooks/\(format.source)", body: fixture, contentType: format.contentType)
            #expect(good.status == .accepted)
        }
        #expect(try await gateway.store.counts().events == 1)
    }
}
