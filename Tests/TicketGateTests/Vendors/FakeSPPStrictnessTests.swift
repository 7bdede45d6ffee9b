import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing
import TicketGateCore

/// The fake SPP must refuse what the seed documents forbid, or the client tests would prove nothing.
@Suite struct FakeSPPStrictnessTests {
    static func send(_ method: HTTPMethod, _ url: String, token: String?, body: String?) async throws -> Int {
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        request.headers.add(name: "Accept", value: "application/json")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        return Int(try await HTTPClient.shared.execute(request, timeout: .seconds(5)).status.code)
    }

    @Test func refusesWhatTheSeedsForbid() async throws {
        let spp = FakeSPP()
        let client = spp.addClient(email: "jane@example.com")
        let ticket = spp.addTicket(userID: client)
        let token = spp.token
        // (method, path, token, body, the status SPP answers)
        let cases: [(HTTPMethod, String, String?, String?, Int)] = [
            (.GET, "/api/clients", nil, nil, 401),
            (.GET, "/api/clients", "other", nil, 401),
            (.POST, "/api/tickets", token, #"{"user_id":\#(client)}"#, 400),
            (.POST, "/api/tickets", token, #"{"subject":"x"}"#, 400),
            (.POST, "/api/tickets", token, #"{"user_id":"\#(client)","subject":"x"}"#, 400),
            (.POST, "/api/tickets", token, #"{"user_id":\#(client),"subject":"x","employees":["4"]}"#, 400),
            (.POST, "/api/tickets", token, #"{"user_id":\#(client),"subject":"x","tags":[1]}"#, 400),
            (.POST, "/api/tickets", token, #"{"user_id":\#(client),"subject":"x","employees[]":[4]}"#, 400),
            (.POST, "/api/tickets", token, #"{"user_id":12345,"subject":"x"}"#, 400),
            (.POST, "/api/ticket_messages/424242", token, #"{"message":"hello"}"#, 404),
            (.POST, "/api/ticket_messages/\(ticket)", token, #"{"message":"hello","staff_only":"false"}"#, 400),
            (.POST, "/api/ticket_messages/\(ticket)", token, #"{"staff_only":false}"#, 400),
            // And it accepts what they allow.
            (.POST, "/api/tickets", token, #"{"user_id":\#(client),"subject":"x","employees":[4],"tags":["a"]}"#, 201),
            (.POST, "/api/ticket_messages/\(ticket)", token, #"{"message":"hello","staff_only":true}"#, 201),
        ]
        let answered = try await spp.serve { url in
            var statuses: [Int] = []
            for (method, path, token, body, _) in cases {
                statuses.append(try await Self.send(method, url + path, token: token, body: body))
            }
            return statuses
        }
        #expect(answered == cases.map(\.4))
    }

    @Test func jsonValueKeepsIntegersBooleansAndStringsApart() throws {
        let decoded = try JSONDecoder().decode(JSONValue.self, from: Data(#"{"i":1,"b":true,"s":"1","d":1.5,"n":null}"#.utf8))
        #expect(decoded == ["i": 1, "b": true, "s": "1", "d": .double(1.5), "n": .null])
    }
}
