#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// An IPv4 or IPv6 network such as `10.0.0.0/8`, `::1/128` or a single address, matched byte by byte.
/// IPv4-mapped IPv6 addresses (`::ffff:10.0.0.1`) match the IPv4 networks they map. The rules' `cidr`
/// operator and the trusted proxies both use it.
package struct IPNetwork: Sendable, Equatable, CustomStringConvertible {
    private let prefix: [UInt8]
    private let bits: Int
    package let description: String

    /// Parses `address` or `address/bits`; `nil` when it is neither.
    package init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let address = Self.bytes(of: String(parts[0])) else { return nil }
        let width = address.count * 8
        let bits: Int
        if parts.count == 2 {
            guard let parsed = Int(parts[1]), (0...width).contains(parsed) else { return nil }
            bits = parsed
        } else {
            bits = width
        }
        self.prefix = address
        self.bits = bits
        self.description = text
    }

    /// True when `address` is an address inside this network.
    package func contains(_ address: String) -> Bool {
        guard var candidate = Self.bytes(of: address) else { return false }
        if candidate.count == 16, prefix.count == 4, candidate[..<12].elementsEqual(Self.mappedIPv4Prefix) {
            candidate = Array(candidate[12...])
        }
        guard candidate.count == prefix.count else { return false }
        let whole = bits / 8
        guard candidate[..<whole] == prefix[..<whole] else { return false }
        let rest = bits % 8
        guard rest > 0 else { return true }
        let mask = UInt8(0xFF) << (8 - rest)
        return candidate[whole] & mask == prefix[whole] & mask
    }

    private static let mappedIPv4Prefix: [UInt8] = Array(repeating: 0, count: 10) + [0xFF, 0xFF]

    /// The 4 or 16 bytes of an IPv4 or IPv6 address in text form, as `inet_pton` reads them.
    package static func bytes(of text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { Array($0) }
        }
        return nil
    }
}
