import Foundation
import FuzzSupport
import HTTPTypes
import TicketGateCore
import TicketGateInbound

// The first byte picks a format (and the content type it is posted as), the rest is the body: every format
// through a source endpoint with verification off, as `ticketgate explain --no-verify` runs it. An event comes
// out, or a refusal of the request; nothing else.
let formats: [(EventKind, String, String)] = InboundFormats.supported.sorted { $0.key.rawValue < $1.key.rawValue }.flatMap { kind, names in
    names.sorted().flatMap { name in
        ["application/json", "application/x-www-form-urlencoded", "multipart/form-data; boundary=xYzZy"].map { (kind, name, $0) }
    }
}
let endpoints = formats.map { kind, name, _ in
    SourceEndpoint(SourceDefinition(name: "s", kind: kind, format: name, verification: .none, limits: SourceLimits(maxBodyBytes: 1 << 24)))
}

FuzzDriver.run { bytes in
    guard let first = bytes.first else { return }
    let index = Int(first) % formats.count
    let request = InboundRequest(
        body: Data(bytes.dropFirst()), headers: [.contentType: formats[index].2, HTTPField.Name("X-Hook-Event-Id")!: "e1"])
    guard let received = try? endpoints[index].receive(request, verifying: false) else { return }
    // What was accepted must be storable: the store's JSON encoder takes every event it is given.
    precondition((try? JSONEncoder().encode(received.event)) != nil, "an accepted event does not encode")
}
