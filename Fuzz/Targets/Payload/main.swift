import Foundation
import FuzzSupport
import HTTPTypes
import TicketGateCore

@testable import TicketGateInbound

// The first byte picks the content type (JSON, urlencoded, or multipart with boundary `xYzZy`); the rest is the
// body. Parsing answers a payload or a malformed-body refusal, never anything else.
let contentTypes = ["application/json", "application/x-www-form-urlencoded", "multipart/form-data; boundary=xYzZy"]

FuzzDriver.run { bytes in
    guard let first = bytes.first else { return }
    let contentType = contentTypes[Int(first) % contentTypes.count]
    let request = InboundRequest(body: Data(bytes.dropFirst()), headers: [.contentType: contentType])
    do {
        _ = try PayloadParser.parse(request)
    } catch let error as InboundError {
        precondition(error.check == .malformedBody, "unexpected refusal \(error)")
    } catch {
        preconditionFailure("the parser threw \(error)")
    }
}
