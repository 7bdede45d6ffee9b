import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

/// The fake Zendesk must refuse what the Ticketing API documents as wrong, or the client tests would prove
/// nothing.
@Suite struct FakeZendeskStrictnessTests {
    @Test func refusesWhatTheDocumentsForbid() async throws {
        let zendesk = FakeZendesk()
        let good = "Basic " + Data("\(zendesk.email)/token:\(zendesk.token)".utf8).base64EncodedString()
        let tokenOnly = "Basic " + Data("\(zendesk.email):\(zendesk.token)".utf8).base64EncodedString()
        let ticket = #"{"ticket":{"subject":"x","comment":{"body":"y"}}}"#
        // (method, path, authorization, accept, content type, body, idempotency key, the status Zendesk answers)
        let cases: [(String, String, String, String?, String, String, String?, Int)] = [
            ("POST", "/api/v2/tickets", tokenOnly, "application/json", "application/json", ticket, nil, 401),
            ("POST", "/api/v2/tickets", "Bearer \(zendesk.token)", "application/json", "application/json", ticket, nil, 401),
            ("POST", "/api/v2/tickets", good, nil, "application/json", ticket, nil, 406),
            ("POST", "/api/v2/tickets", good, "application/json", "application/x-www-form-urlencoded", ticket, nil, 415),
            ("POST", "/api/v2/tickets", good, "application/json", "application/json", #"{"subject":"x","comment":{"body":"y"}}"#, nil, 422),
            ("POST", "/api/v2/tickets", good, "application/json", "application/json", #"{"ticket":{"subject":"x"}}"#, nil, 422),
            (
                "POST", "/api/v2/tickets", good, "application/json", "application/json",
                #"{"ticket":{"comment":{"body":"y","html_body":"<p>y</p>"}}}"#, nil, 422
            ),
            (
                "POST", "/api/v2/tickets", good, "application/json", "application/json", #"{"ticket":{"comment":{"body":"y"},"priority":"asap"}}"#,
                nil, 422
            ),
            (
                "POST", "/api/v2/tickets", good, "application/json", "application/json",
                #"{"ticket":{"comment":{"body":"y"},"requester":{"email":"x"}}}"#, nil, 422
            ),
            (
                "POST", "/api/v2/tickets", good, "application/json", "application/json", #"{"ticket":{"comment":{"body":"y","uploads":["forged"]}}}"#,
                nil, 422
            ),
            (
                "POST", "/api/v2/tickets", good, "application/json", "application/json", #"{"ticket":{"comment":{"body":"y"},"assignee":17}}"#, nil,
                422
            ),
            ("PUT", "/api/v2/tickets/999", good, "application/json", "application/json", #"{"ticket":{"comment":{"body":"y"}}}"#, nil, 404),
            // And it accepts what the documents allow, with a repeat under the same key answered from the cache
            // and a different body under it refused.
            ("POST", "/api/v2/tickets", good, "application/json", "application/json", ticket, "k1", 201),
            ("POST", "/api/v2/tickets", good, "application/json", "application/json", ticket, "k1", 201),
            (
                "POST", "/api/v2/tickets", good, "application/json", "application/json", #"{"ticket":{"subject":"z","comment":{"body":"y"}}}"#, "k1",
                400
            ),
        ]
        let answered = try await zendesk.serve { url in
            var statuses: [Int] = []
            for (method, path, authorization, accept, contentType, body, key, _) in cases {
                var request = HTTPClientRequest(url: url + path)
                request.method = .init(rawValue: method)
                request.headers.add(name: "Authorization", value: authorization)
                if let accept { request.headers.add(name: "Accept", value: accept) }
                request.headers.add(name: "Content-Type", value: contentType)
                if let key { request.headers.add(name: "Idempotency-Key", value: key) }
                request.body = .bytes(ByteBuffer(string: body))
                statuses.append(Int(try await HTTPClient.shared.execute(request, timeout: .seconds(5)).status.code))
            }
            return statuses
        }
        #expect(answered == cases.map(\.7))
        #expect(zendesk.tickets.count == 1)
    }
}
