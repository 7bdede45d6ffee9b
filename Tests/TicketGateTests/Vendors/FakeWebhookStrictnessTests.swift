import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore
import Testing

/// The fake webhook receiver must refuse what the Standard Webhooks specification tells receivers to refuse,
/// or the client tests would prove nothing.
@Suite struct FakeWebhookStrictnessTests {
    static func sign(_ id: String, _ timestamp: Int, _ body: String, secret: String) -> String {
        let key = SymmetricKey(data: Data(base64Encoded: String(secret.dropFirst("whsec_".count)))!)
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(id).\(timestamp).\(body)".utf8), using: key)
        return "v1," + Data(mac).base64EncodedString()
    }

    @Test func refusesWhatTheSpecificationForbids() async throws {
        let webhook = FakeWebhook()
        let now = Int(Date().timeIntervalSince1970)
        let body = #"{"type":"x"}"#
        let good = Self.sign("msg_1", now, body, secret: webhook.secret)
        // (id, timestamp, signature, body, content type, idempotency key, the status a receiver answers)
        let cases: [(String, Int, String, String, String, String?, Int)] = [
            ("msg_1", now, "v1,AAAA", body, "application/json", "msg_1", 401),
            (
                "msg_1", now, Self.sign("msg_1", now, body, secret: "whsec_" + Data(repeating: 7, count: 24).base64EncodedString()), body,
                "application/json", "msg_1", 401
            ),
            ("msg_1", now - 600, Self.sign("msg_1", now - 600, body, secret: webhook.secret), body, "application/json", "msg_1", 401),
            ("msg_1", now + 600, Self.sign("msg_1", now + 600, body, secret: webhook.secret), body, "application/json", "msg_1", 401),
            ("msg_2", now, good, body, "application/json", "msg_2", 401),
            ("msg_1", now, good, body, "text/plain", "msg_1", 415),
            ("msg_1", now, Self.sign("msg_1", now, "nope", secret: webhook.secret), "nope", "application/json", "msg_1", 400),
            ("msg_1", now, good, body, "application/json", nil, 400),
            // And it accepts a good message, once, with a decoy signature beside the good one.
            ("msg_1", now, "v1,AAAA " + good, body, "application/json", "msg_1", 200),
            ("msg_1", now, good, body, "application/json", "msg_1", 200),
        ]
        let answered = try await webhook.serve { url in
            var statuses: [Int] = []
            for (id, timestamp, signature, body, contentType, key, _) in cases {
                var request = HTTPClientRequest(url: url + FakeWebhook.path)
                request.method = .POST
                request.headers.add(name: "webhook-id", value: id)
                request.headers.add(name: "webhook-timestamp", value: String(timestamp))
                request.headers.add(name: "webhook-signature", value: signature)
                request.headers.add(name: "Content-Type", value: contentType)
                if let key { request.headers.add(name: "Idempotency-Key", value: key) }
                request.body = .bytes(ByteBuffer(string: body))
                statuses.append(Int(try await HTTPClient.shared.execute(request, timeout: .seconds(5)).status.code))
            }
            return statuses
        }
        #expect(answered == cases.map(\.6))
        #expect(webhook.messages.map(\.id) == ["msg_1"])
    }
}
