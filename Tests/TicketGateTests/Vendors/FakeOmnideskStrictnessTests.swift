import AsyncHTTPClient
import Foundation
import MultipartKit
import NIOCore
import NIOHTTP1
import Testing

/// The fake Omnidesk must refuse what seed 003 forbids, or the client tests would prove nothing.
@Suite struct FakeOmnideskStrictnessTests {
    static func send(_ url: String, key: String?, fields: [(String, String)]?, json: String? = nil) async throws -> Int {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        if let key { request.headers.add(name: "apiKey", value: key) }
        if let fields {
            let parts = fields.map { MultipartPart(headers: ["Content-Disposition": "form-data; name=\"\($0.0)\""], body: $0.1) }
            request.headers.add(name: "Content-Type", value: "multipart/form-data; boundary=strict")
            request.body = .bytes(ByteBuffer(string: try MultipartSerializer().serialize(parts: parts, boundary: "strict")))
        } else if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: json))
        }
        return Int(try await HTTPClient.shared.execute(request, timeout: .seconds(5)).status.code)
    }

    @Test func refusesWhatTheSeedForbids() async throws {
        let omnidesk = FakeOmnidesk()
        let ticket = String(omnidesk.addTicket())
        let key = omnidesk.apiKey
        let chatbot = [("brandID", "1"), ("subject", "s"), ("from", "a@b.co"), ("message", "m")]
        let message = [("ticketID", ticket), ("type", "contactform"), ("message", "hello")]
        // (path, key, fields, the status Omnidesk answers)
        let cases: [(String, String?, [(String, String)]?, Int)] = [
            ("/api/v2/message/chatbot", nil, chatbot, 401),
            ("/api/v2/message/chatbot", "other", chatbot, 401),
            ("/api/v2/message/chatbot", key, nil, 400),
            ("/api/v2/message/chatbot", key, chatbot.filter { $0.0 != "brandID" }, 400),
            ("/api/v2/message/chatbot", key, chatbot.map { $0.0 == "brandID" ? ("brandID", "one") : $0 }, 400),
            ("/api/v2/message/chatbot", key, chatbot.map { $0.0 == "brandID" ? ("brandID", "9") : $0 }, 400),
            ("/api/v2/message/chatbot", key, chatbot.map { $0.0 == "from" ? ("from", "") : $0 }, 400),
            ("/api/v2/message/chatbot", key, chatbot + [("tags", "x")], 400),
            ("/api/v2/message", key, message.map { $0.0 == "type" ? ("type", "email") : $0 }, 400),
            ("/api/v2/message", key, message.map { $0.0 == "message" ? ("message", "hey") : $0 }, 400),
            ("/api/v2/message", key, message.map { $0.0 == "ticketID" ? ("ticketID", "999999") : $0 }, 400),
            ("/api/v2/message", key, message + [("sendAt", "2026-11-21T10:00:00Z")], 400),
            ("/api/v2/message", key, message + [("userID", "me")], 400),
            ("/api/v2/message", key, message.filter { $0.0 != "type" }, 400),
            // And it accepts what the seed allows.
            ("/api/v2/message/chatbot", key, chatbot, 200),
            ("/api/v2/message", key, message + [("sendAt", "2026-11-21 10:00:00"), ("userID", "3"), ("submitStatus", "open")], 200),
            ("/api/v2/message", key, message.map { $0.0 == "type" ? ("type", "8") : $0 }, 200),
        ]
        let answered = try await omnidesk.serve { url in
            var statuses: [Int] = []
            for (path, key, fields, _) in cases {
                statuses.append(try await Self.send(url + path, key: key, fields: fields, json: fields == nil ? #"{"brandID":1}"# : nil))
            }
            return statuses
        }
        #expect(answered == cases.map(\.3))
    }
}
