import Foundation
import Testing
import TicketGateCore

@testable import TicketGateRules

/// The names `check` lets a template use are exactly those a rendered template gets: an event with every part
/// set gives `TemplateContext` the same names, with the same keys under the maps `TemplateNames` lists.
@Suite struct TemplateNamesTests {
    @Test func theCheckedNamesAreTheRenderedNames() {
        let event = InboundEvent(
            id: EventID(rawValue: "e"), source: "web", kind: .chat, format: "generic", receivedAt: Date(), providerEventID: "p",
            sender: Party(email: "a@b.co", name: "A"), recipient: "r", subject: "s", text: "t", fullText: "f", html: "<p>h</p>",
            fields: [FormField(name: "plan", value: "x")], headers: ["x-a": "1"], clientIP: "127.0.0.1",
            thread: ThreadKeys(messageID: "m", inReplyTo: "i", conversationID: "c"),
            transcript: ChatTranscript(turns: [ChatTurn(role: .customer, text: "hi")]),
            attachments: [Attachment(name: "a.txt", contentType: "text/plain", data: [1])])
        let context = TemplateContext.make(for: event, message: "m")
        #expect(Set(context.keys) == Set(TemplateNames.names.keys))
        for (name, shape) in TemplateNames.names {
            if case .keys(let keys) = shape {
                #expect(Set((context[name] as? [String: Any])?.keys.map { $0 } ?? []) == Set(keys), "\(name)")
            }
        }
    }
}
