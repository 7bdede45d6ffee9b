import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing

/// The fake Initdesk must refuse what seed 004 forbids, or the client tests would prove nothing.
@Suite struct FakeInitdeskStrictnessTests {
    static func send(_ url: String, token: String?, body: String, contentType: String = "application/json") async throws -> Int {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        if let token { request.headers.add(name: "X-Initdesk-Token", value: token) }
        request.headers.add(name: "Content-Type", value: contentType)
        request.body = .bytes(ByteBuffer(string: body))
        return Int(try await HTTPClient.shared.execute(request, timeout: .seconds(5)).status.code)
    }

    @Test func refusesWhatTheSeedForbids() async throws {
        let initdesk = FakeInitdesk()
        let token = initdesk.token
        let path = "/organizations/42/tickets/7001/messages/"
        // (path, token, body, content type, the status Initdesk answers)
        let cases: [(String, String?, String, String, Int)] = [
            (path, nil, #"{"content":"x"}"#, "application/json", 401),
            (path, "other", #"{"content":"x"}"#, "application/json", 401),
            ("/organizations/43/tickets/7001/messages/", token, #"{"content":"x"}"#, "application/json", 403),
            ("/organizations/42/tickets/7001/messages", token, #"{"content":"x"}"#, "application/json", 404),
            ("/organizations/42/tickets/7002/messages/", token, #"{"content":"x"}"#, "application/json", 404),
            (path, token, "content=x", "application/x-www-form-urlencoded", 415),
            (path, token, #"{"content":"x","next_action":"close"}"#, "application/json", 400),
            (path, token, #"{"content":"x","is_visible_to_customer":"true"}"#, "application/json", 400),
            (path, token, #"{"content":"x","next_assignee_id":"17"}"#, "application/json", 400),
            (path, token, #"{"content":"x","external_recipient_emails":["not an address"]}"#, "application/json", 400),
            (path, token, #"{"content":"x","subject":"y"}"#, "application/json", 400),
            (path, token, #"{"is_visible_to_customer":true}"#, "application/json", 400),
            // And it accepts what the seed allows.
            (
                path, token, #"{"content":"x","next_action":"","next_assignee_id":null,"external_recipient_emails":["a@b.co"]}"#, "application/json",
                201
            ),
            (path, token, #"{"content_html":"<p>x</p>","is_visible_to_customer":false,"next_action":"report_spam"}"#, "application/json", 201),
        ]
        let answered = try await initdesk.serve { url in
            var statuses: [Int] = []
            for (path, token, body, contentType, _) in cases {
                statuses.append(try await Self.send(url + path, token: token, body: body, contentType: contentType))
            }
            return statuses
        }
        #expect(answered == cases.map(\.4))
    }
}
