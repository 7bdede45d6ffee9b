import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

/// The fake Freshdesk must refuse what API v2 documents as wrong, or the client tests would prove nothing.
@Suite struct FakeFreshdeskStrictnessTests {
    @Test func refusesWhatTheDocumentsForbid() async throws {
        let freshdesk = FakeFreshdesk()
        let good = "Basic " + Data("\(freshdesk.apiKey):X".utf8).base64EncodedString()
        let wrong = "Basic " + Data("other:X".utf8).base64EncodedString()
        let ticket = #"{"email":"jane@example.com","subject":"x","description":"y"}"#
        // (method, path, authorization, accept, content type, body, the status Freshdesk answers)
        let cases: [(String, String, String, String, String, String, Int)] = [
            ("POST", "/api/v2/tickets", wrong, "application/json", "application/json", ticket, 401),
            ("POST", "/api/v2/tickets", good, "application/xml", "application/json", ticket, 406),
            ("POST", "/api/v2/tickets", good, "application/json", "application/xml", "<ticket/>", 415),
            ("POST", "/api/v2/tickets", good, "application/json", "application/json", #"{"subject":"x","description":"y"}"#, 400),
            ("POST", "/api/v2/tickets", good, "application/json", "application/json", #"{"email":"jane@example.com","priority":5}"#, 400),
            ("POST", "/api/v2/tickets", good, "application/json", "application/json", #"{"email":"jane@example.com","status":"2"}"#, 400),
            ("POST", "/api/v2/tickets", good, "application/json", "application/json", #"{"email":"jane@example.com","source":4}"#, 400),
            ("POST", "/api/v2/tickets", good, "application/json", "application/json", #"{"email":"jane@example.com","requester":{}}"#, 400),
            ("POST", "/api/v2/tickets", good, "application/json", "application/json", #"{"email":"jane@"}"#, 400),
            ("POST", "/api/v2/tickets/1/notes", good, "application/json", "application/json", #"{"body":"x"}"#, 404),
            // And it accepts what the documents allow.
            ("POST", "/api/v2/tickets", good, "*/*", "application/json", ticket, 201),
        ]
        let answered = try await freshdesk.serve { url in
            var statuses: [Int] = []
            for (method, path, authorization, accept, contentType, body, _) in cases {
                var request = HTTPClientRequest(url: url + path)
                request.method = .init(rawValue: method)
                request.headers.add(name: "Authorization", value: authorization)
                request.headers.add(name: "Accept", value: accept)
                request.headers.add(name: "Content-Type", value: contentType)
                request.body = .bytes(ByteBuffer(string: body))
                statuses.append(Int(try await HTTPClient.shared.execute(request, timeout: .seconds(5)).status.code))
            }
            let id = try #require(freshdesk.tickets.first?.id)
            for (body, status) in [
                (#"{"private":false}"#, 400), (#"{"body":"x","user_id":1}"#, 400), (#"{"body":"x","private":"no"}"#, 400),
                (#"{"body":"x","private":false}"#, 201),
            ] {
                var request = HTTPClientRequest(url: url + "/api/v2/tickets/\(id)/notes")
                request.method = .POST
                request.headers.add(name: "Authorization", value: good)
                request.headers.add(name: "Content-Type", value: "application/json")
                request.body = .bytes(ByteBuffer(string: body))
                let answer = Int(try await HTTPClient.shared.execute(request, timeout: .seconds(5)).status.code)
                #expect(answer == status, "\(body)")
            }
            return statuses
        }
        #expect(answered == cases.map(\.6))
        #expect(freshdesk.tickets.count == 1)
        #expect(freshdesk.tickets.first?.notes.count == 1)
    }
}
