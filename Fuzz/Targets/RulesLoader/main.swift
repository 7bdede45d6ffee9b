import Foundation
import FuzzSupport
import TicketGateCore
import TicketGateInbound
import TicketGateRules
import TicketGateVendors

// Any text as a rules file: it compiles or is refused with located problems. Rules that compile decide a
// fixed event, templates and patterns included, with every trace.
let event = InboundEvent(
    id: EventID(rawValue: "01a1ffab-bd54-73bd-b011-bb0fcbe99809"), source: "web", kind: .form, format: "generic",
    receivedAt: Date(timeIntervalSince1970: 1_795_255_200), sender: Party(email: "jane@example.com", name: "Jane Doe"), subject: "Refund [#42]",
    text: "aaaaaaaaaaaaaaaaaaaaaaaaaaaa! call 555-1234", fields: [FormField(name: "plan", value: "enterprise")], headers: ["x-priority": "high"],
    clientIP: "203.0.113.7")
let loader = RulesLoader(environment: ["SECRET": "s", "EMPTY": ""], formats: InboundFormats.supported, vendors: VendorRegistry.profiles)

FuzzDriver.run { bytes in
    let (rules, problems) = loader.compile([RulesFile(path: "fuzz.yml", contents: String(decoding: bytes, as: UTF8.self))])
    for problem in problems {
        precondition(problem.description.hasPrefix("fuzz.yml:"), "an unlocated problem: \(problem)")
    }
    guard let rules else { return }
    _ = rules.decide(event, trace: .full)
    _ = rules.decide(event)
}
