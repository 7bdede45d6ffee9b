import Foundation
import TicketGateCore

/// Contact forms from a@b.co, accepted as the store's tests need them.
extension AcceptedEvent {
    static func form(
        _ id: String, at date: Date, outcome: Decision.Outcome = .deliver(.form()), audit: [AuditRecord] = [],
        rawBody: Data = Data("{}".utf8)
    ) -> AcceptedEvent {
        let event = InboundEvent(
            id: EventID(rawValue: id), source: "web", kind: .form, format: "generic", receivedAt: date, sender: Party(email: "a@b.co"))
        return AcceptedEvent(
            event: event, rawBody: rawBody, contentType: "application/json", decision: Decision(trace: [], outcome: outcome), audit: audit)
    }
}

extension TicketDraft {
    /// The ticket for a form from a@b.co, at SPP.
    static func form(subject: String = "s", tags: [String] = [], brand: Int? = nil) -> TicketDraft {
        TicketDraft(destination: "spp", requester: Party(email: "a@b.co"), subject: subject, message: "m", tags: tags, brand: brand)
    }
}
