import Foundation
import Testing
import TicketGateCore

/// Runs a gateway on `Tests/Fixtures/sources.yml`, posts one signed fixture, and returns the stored event.
enum FixtureGateway {
    static func receive(
        _ source: String,
        body: String,
        contentType: String,
        headers: [String: String] = [:],
        query: String = ""
    ) async throws -> InboundEvent {
        let gateway = try GatewayHarness(rules: try Fixtures.sources, environment: Fixtures.environment)
        let id = try await gateway.run { client in
            let response = try await client.post("/hooks/\(source)\(query)", body: body, contentType: contentType, headers: headers)
            guard response.status == .accepted, let id = response.eventID else {
                throw HarnessError("\(source) answered \(response.status): \(String(buffer: response.body))")
            }
            return id
        }
        return try await gateway.report(id).event
    }
}
