import Foundation
import HTTPTypes
import TicketGateCore

/// The reverse proxies whose `X-Forwarded-For` and `X-Forwarded-Proto` the gateway believes. A request from
/// any other peer is taken at face value: its forwarding headers could say anything.
package struct TrustedProxies: Sendable, Equatable {
    package let networks: [IPNetwork]

    /// No proxy is trusted: the peer is the client.
    package static let none = TrustedProxies([])

    package init(_ networks: [IPNetwork]) {
        self.networks = networks
    }

    /// Reads a comma-separated list of addresses and CIDRs, such as `127.0.0.1/32, 10.0.0.0/8, ::1`.
    package init(parsing text: String) throws(StartupError) {
        var networks: [IPNetwork] = []
        for entry in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !entry.isEmpty {
            guard let network = IPNetwork(entry) else {
                throw StartupError("trusted proxies must be IP addresses or CIDRs such as 10.0.0.0/8 or ::1/128, found '\(entry)'")
            }
            networks.append(network)
        }
        self.init(networks)
    }

    package func trusts(_ address: String) -> Bool {
        networks.contains { $0.contains(address) }
    }

    /// Who sent the request and over which scheme. From an untrusted peer: the peer, over plain HTTP. From a
    /// trusted one: walking `X-Forwarded-For` from the right, the first address that is not itself a trusted
    /// proxy (the left-most, when all are), and the scheme the nearest proxy says it was reached over.
    package func origin(peer: String?, headers: HTTPFields) -> ClientOrigin {
        guard let peer, trusts(peer) else {
            return ClientOrigin(address: peer, scheme: "http")
        }
        var address = peer
        let hops = headers[values: .xForwardedFor].flatMap { $0.split(separator: ",") }
        for hop in hops.reversed() {
            guard let hopAddress = Self.address(inHop: hop.trimmingCharacters(in: .whitespaces)) else { break }
            address = hopAddress
            if !trusts(hopAddress) { break }
        }
        let proto = headers[values: .xForwardedProto].flatMap { $0.split(separator: ",") }.last?
            .trimmingCharacters(in: .whitespaces).lowercased()
        return ClientOrigin(address: address, scheme: proto == "https" ? "https" : "http")
    }

    /// The address in one `X-Forwarded-For` entry: `203.0.113.7`, `203.0.113.7:5123`, `2001:db8::1` or
    /// `[2001:db8::1]:5123`; `nil` for anything else, such as `unknown`.
    static func address(inHop hop: String) -> String? {
        var text = Substring(hop)
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            text = text[text.index(after: text.startIndex)..<close]
        } else if text.filter({ $0 == ":" }).count == 1, let colon = text.firstIndex(of: ":") {
            text = text[..<colon]
        }
        let address = String(text)
        return IPNetwork.bytes(of: address) == nil ? nil : address
    }
}

/// The client of a request as the gateway believes it, after trusted proxies.
package struct ClientOrigin: Sendable, Equatable {
    /// The client's IP address; `nil` when the connection has none (a Unix socket).
    package var address: String?
    /// `http` or `https`, as the client reached the first trusted proxy.
    package var scheme: String
}

extension HTTPField.Name {
    static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!
    static let xForwardedProto = HTTPField.Name("X-Forwarded-Proto")!
}
