import FuzzSupport
import TicketGateCore

@testable import TicketGateInbound

// Any text as a raw header block, and as address headers: parsing ends, the thread keys are capped, and every
// address found is plausible.
FuzzDriver.run { bytes in
    let text = String(decoding: bytes, as: UTF8.self)
    let headers = MailHeaders(block: text)
    let keys = headers.threadKeys
    precondition(keys.references.count <= MailHeaders.maximumReferences, "\(keys.references.count) references kept")
    _ = headers.cc
    _ = headers.signals
    for found in EmailAddress.parseList(text) {
        precondition(EmailAddress.isPlausible(found.email), "parseList found \(found.email)")
    }
    if let found = EmailAddress.parse(text) {
        precondition(EmailAddress.isPlausible(found.email), "parse found \(found.email)")
    }
    _ = MailHeaders.messageIDs(in: text)
}
