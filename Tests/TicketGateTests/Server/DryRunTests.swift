import Foundation
import Testing
import TicketGateCore

@testable import TicketGateServer

/// A destination without credentials writes the requests it would send to the audit, and sends nothing.
@Suite struct DryRunTests {
    @Test func destinationWithoutTokenRecordsTheExactSPPRequests() async throws {
        let spp = FakeSPP()
        try await spp.serve { url in
            let gateway = try GatewayHarness(rules: TestRules.website(sppURL: url, token: nil), environment: TestRules.environment)
            let form = #"{"from":"jane@example.com","full_name":"Jane Doe","topic":"Invoice 7","body":"Please resend it."}"#
            let (id, delivery) = try await gateway.deliver(form)

            #expect(delivery.status == .dryRun)
            #expect(spp.requests.isEmpty)

            let records = try await gateway.report(id).audit.map(\.record).filter { $0.stage == .dryRun }
            #expect(records.count == 5)
            #expect(
                records.map { $0.detail["url"]?.scalarText } == [
                    "\(url)/api/clients?filters%5Bemail%5D%5B%24eq%5D=jane%40example.com",
                    "\(url)/api/clients",
                    "\(url)/api/tickets",
                    "\(url)/api/ticket_messages/{id of the ticket created above}",
                    nil,
                ])
            #expect(
                records[0].detail["headers"] == [
                    "Authorization: Bearer <credential>", "Accept: application/json", "X-Api-Version: 2024-03-05", "User-Agent: ticketgate",
                ])
            #expect(records[1].detail["condition"] == "only when the lookup finds no client")
            #expect(records[1].detail["body"] == #"{"email":"jane@example.com","name_f":"Jane","name_l":"Doe"}"#)
            #expect(
                records[2].detail["body"]
                    == .string(
                        #"{"user_id":"<id of the client found or created above>","subject":"Invoice 7","tags":["inbound","billing"],"employees":[17],"#
                            + #""note":"Billing queue","metadata":["ticketgate:\#(id)"]}"#)
            )
            #expect(
                records[3].detail["body"]
                    == #"{"message":"Please resend it.","user_id":"<id of the client found or created above>","staff_only":false}"#)

            // `ticketgate events show` prints the same requests.
            let text = try #require(try await EventReports.show(id: id.rawValue, databaseURL: gateway.configuration.databaseURL, json: false))
            #expect(text.contains("would send POST \(url)/api/tickets"))
            #expect(text.contains(#""user_id" : "<id of the client found or created above>""#))
            #expect(text.contains("decision  deliver to spp"))
        }
    }
}
