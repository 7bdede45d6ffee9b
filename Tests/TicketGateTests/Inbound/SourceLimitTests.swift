import Foundation
import Testing
import TicketGateCore

/// Per-source limits: attachment count and size (413) and accepted content types (415).
@Suite struct SourceLimitTests {
    static func multipart(files: [(String, Int)]) -> String {
        var body = "--b\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\njane@example.com\r\n"
        for (name, size) in files {
            body += "--b\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(name).txt\"\r\nContent-Type: text/plain\r\n\r\n"
            body += String(repeating: "x", count: size) + "\r\n"
        }
        return body + "--b--\r\n"
    }

    static let rules = """
        sources:
          s:
            kind: form
            max_attachments: 2
            max_attachment_bytes: 1KiB
            verify: { scheme: none }
          json-only:
            kind: form
            content_types: [application/json]
            verify: { scheme: none }
        """

    @Test func attachmentLimits() async throws {
        let gateway = try GatewayHarness(rules: Self.rules)
        try await gateway.run { client in
            let type = "multipart/form-data; boundary=b"
            let fine = try await client.post("/hooks/s", body: Self.multipart(files: [("a", 1024), ("b", 10)]), contentType: type)
            let many = try await client.post("/hooks/s", body: Self.multipart(files: [("a", 1), ("b", 1), ("c", 1)]), contentType: type)
            let large = try await client.post("/hooks/s", body: Self.multipart(files: [("a", 1025)]), contentType: type)
            #expect(fine.status == .accepted)
            #expect(many.status == .contentTooLarge)
            #expect(many.json?["type"] == "urn:ticketgate:problem:too-many-attachments")
            #expect(large.status == .contentTooLarge)
            #expect(large.json?["type"] == "urn:ticketgate:problem:attachment-too-large")
        }
        #expect(try await gateway.store.counts().events == 1)
    }

    @Test func contentTypesNarrowWhatASourceAccepts() async throws {
        let gateway = try GatewayHarness(rules: Self.rules)
        try await gateway.run { client in
            let form = try await client.post(
                "/hooks/json-only", body: "email=jane%40example.com&message=hi", contentType: "application/x-www-form-urlencoded")
            let json = try await client.post(
                "/hooks/json-only", body: #"{"email":"jane@example.com"}"#, contentType: "application/json; charset=utf-8")
            #expect(form.status == .unsupportedMediaType)
            #expect(form.json?["detail"] == "this source accepts application/json, not application/x-www-form-urlencoded")
            #expect(json.status == .accepted)
        }
    }

    @Test func storedAttachmentBytesAreKept() async throws {
        let gateway = try GatewayHarness(rules: Self.rules)
        let id = try await gateway.run { client in
            try #require(
                try await client.post("/hooks/s", body: Self.multipart(files: [("a", 5)]), contentType: "multipart/form-data; boundary=b").eventID)
        }
        let event = try await gateway.report(id).event
        #expect(event.attachments.map(\.name) == ["a.txt"])
        #expect(event.attachments.first?.size == 5)
        #expect(try await gateway.store.attachmentData(for: id) == [[UInt8]("xxxxx".utf8)])
    }
}
