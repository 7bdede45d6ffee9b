import Foundation
import TicketGateCore

/// Typical contact-form events: a subject, a few hundred characters of message, a handful of fields.
enum EventFactory {
    static func events(count: Int) -> [InboundEvent] {
        let body = String(
            repeating: "Hello team, our dashboard has been slow since this morning and exports time out after a minute. ", count: 4
        )
        return (0..<count).map { index in
            InboundEvent(
                id: EventID(rawValue: "event-\(index)"), source: "web", kind: .form, format: "generic", receivedAt: Date(),
                sender: Party(email: "person\(index)@example.com", name: "Person \(index)"),
                recipient: "support@acme.example",
                subject: "Dashboard is slow (ticket \(index))",
                text: body + "Reference \(index).",
                fields: [
                    FormField(name: "plan", value: ["pro", "team", "enterprise"][index % 3]),
                    FormField(name: "product", value: "analytics"), FormField(name: "seats", value: String(10 + index)),
                    FormField(name: "region", value: "eu"), FormField(name: "tier", value: "gold"),
                ],
                headers: ["user-agent": "forms/1.0", "content-type": "application/json"]
            )
        }
    }
}
