import Foundation
import FuzzSupport
import HTTPTypes
import TicketGateCore
import TicketGateInbound

// The input is header lines (`Name: value`), a blank line, and the body. Every scheme checks it before and
// after the body is read; a check answers or refuses, never traps, and the extremes of a signed timestamp are
// all reachable through the header text.
let schemes: [VerificationSettings] = [
    VerificationSettings(
        scheme: .hmacSHA256, header: "X-Signature", prefix: "sha256=", signedContent: "{timestamp}.{id}.{body}", timestampHeader: "X-Timestamp",
        idHeader: "X-Id", secrets: [Secret("secret")]),
    VerificationSettings(
        scheme: .hmacSHA512, header: "X-Signature", encoding: .base64, signedContent: "{timestamp}{body}", timestampHeader: "X-Timestamp",
        timestampUnit: .milliseconds, secrets: [Secret("secret")]),
    VerificationSettings(scheme: .hmacSHA1, header: "X-Hub-Signature", prefix: "sha1=", secrets: [Secret("secret")]),
    VerificationSettings(scheme: .standardWebhooks, secrets: [Secret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")]),
    VerificationSettings(scheme: .stripe, secrets: [Secret("secret")]), VerificationSettings(scheme: .slack, secrets: [Secret("secret")]),
    VerificationSettings(scheme: .typeform, secrets: [Secret("secret")]), VerificationSettings(scheme: .webflow, secrets: [Secret("secret")]),
    VerificationSettings(scheme: .mailgun, secrets: [Secret("secret")]), VerificationSettings(scheme: .basic, secrets: [Secret("user:pass")]),
    VerificationSettings(scheme: .token, secrets: [Secret("token")]), VerificationSettings(scheme: .token, query: "token", secrets: [Secret("t")]),
]
let endpoints = schemes.map {
    SourceEndpoint(
        SourceDefinition(
            name: "s", kind: $0.scheme == .mailgun ? .email : .form, format: $0.scheme == .mailgun ? "mailgun" : "generic", verification: $0))
}

FuzzDriver.run { bytes in
    let text = String(decoding: bytes, as: UTF8.self)
    let (head, body) = text.firstRange(of: "\n\n").map { (text[..<$0.lowerBound], text[$0.upperBound...]) } ?? (text[...], "")
    var headers = HTTPFields()
    var query: [String: String] = [:]
    for line in head.split(separator: "\n") {
        guard let colon = line.firstIndex(of: ":") else { continue }
        let value = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        if line.hasPrefix("?") { query[String(line.dropFirst()[..<colon])] = value }
        guard let name = HTTPField.Name(String(line[..<colon])), HTTPField.isValidValue(value) else { continue }
        headers.append(HTTPField(name: name, value: value))
    }
    let request = InboundRequest(body: Data(body.utf8), headers: headers, query: query)
    for endpoint in endpoints {
        try? endpoint.checkBeforeBody(request)
        _ = try? endpoint.receive(request)
    }
}
