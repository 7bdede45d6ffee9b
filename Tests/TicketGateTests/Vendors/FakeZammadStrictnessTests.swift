import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

/// The fake Zammad must refuse what REST API v1 documents as wrong, or the client tests would prove nothing.
@Suite struct FakeZammadStrictnessTests {
    @Test func refusesWhatTheDocumentsForbid() async throws {
        let zammad = FakeZammad()
        let good = "Token token=\(zammad.token)"
        func ticket(
            _ extra: String = "", title: String = "x", group: String = "Users",
            article: String = #"{"body":"y","type":"web","internal":false,"sender":"Customer"}"#
        ) -> String {
            #"{"title":"\#(title)","group":"\#(group)","customer_id":"guess:jane@example.com","article":\#(article)\#(extra)}"#
        }
        // (path, authorization, content type, body, the status Zammad answers)
        let cases: [(String, String?, String, String, Int)] = [
            ("/api/v1/tickets", nil, "application/json", ticket(), 403),
            ("/api/v1/tickets", "Token token=other", "application/json", ticket(), 401),
            ("/api/v1/tickets", "Bearer \(zammad.token)", "application/json", ticket(), 401),
            ("/api/v1/tickets", good, "text/plain", ticket(), 415),
            ("/api/v1/tickets", good, "application/json", #"{"group":"Users","customer_id":"guess:a@b.co","article":{"body":"y"}}"#, 422),
            ("/api/v1/tickets", good, "application/json", ticket(group: "Nobody"), 422),
            ("/api/v1/tickets", good, "application/json", #"{"title":"x","group":"Users","customer_id":"guess:jane@","article":{"body":"y"}}"#, 422),
            ("/api/v1/tickets", good, "application/json", ticket(article: #"{"type":"web"}"#), 422),
            ("/api/v1/tickets", good, "application/json", ticket(article: #"{"body":"y","type":"letter"}"#), 422),
            ("/api/v1/tickets", good, "application/json", ticket(article: #"{"body":"y","attachments":[{"filename":"a","data":"AAA="}]}"#), 422),
            ("/api/v1/tickets", good, "application/json", ticket(#","tags":["a"]"#), 422),
            ("/api/v1/tickets", good, "application/json", ticket(#","priority":"urgent""#), 422),
            ("/api/v1/tickets", good, "application/json", ticket(#","owner_id":99"#), 422),
            ("/api/v1/tickets", good, "application/json", ticket(#","subject":"x""#), 422),
            ("/api/v1/tickets", good, "application/json", ticket(title: String(repeating: "t", count: 201)), 422),
            ("/api/v1/ticket_articles", good, "application/json", #"{"ticket_id":999,"body":"y"}"#, 404),
            // And it accepts what the documents allow.
            ("/api/v1/tickets", good, "application/json", ticket(#","tags":"a, b","state":"open","priority":"2 normal","owner_id":17"#), 201),
        ]
        let answered = try await zammad.serve { url in
            var statuses: [Int] = []
            for (path, authorization, contentType, body, _) in cases {
                var request = HTTPClientRequest(url: url + path)
                request.method = .POST
                if let authorization { request.headers.add(name: "Authorization", value: authorization) }
                request.headers.add(name: "Content-Type", value: contentType)
                request.body = .bytes(ByteBuffer(string: body))
                statuses.append(Int(try await HTTPClient.shared.execute(request, timeout: .seconds(5)).status.code))
            }
            return statuses
        }
        #expect(answered == cases.map(\.4))
        #expect(zammad.tickets.map(\.tags) == [["a", "b"]])
    }
}
