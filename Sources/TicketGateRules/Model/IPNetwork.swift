#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// An IPv4 or IPv6 network such as `10.0.0.0/8` or `2001:db8::/32`; a bare address is a network of one.
struct IPNetwork: Sendable, Equatable, CustomStringConvertible {
    let address: [UInt8]
    let prefix: Int
    let description: String

    init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
        guard let address = Self.parse(parts[0]) else { return nil }
        let maximum = address.count * 8
        let prefix = parts.count == 2 ? Int(parts[1]) : maximum
        guard let prefix, (0...maximum).contains(prefix) else { return nil }
        self.address = address
        self.prefix = prefix
        self.description = text
    }

    func contains(_ text: String) -> Bool {
        guard let other = Self.parse(text), other.count == address.count else { return false }
        var remaining = prefix
        for (mine, theirs) in zip(address, other) where remaining > 0 {
            let bits = min(8, remaining)
            let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
            if mine & mask != theirs & mask { return false }
            remaining -= bits
        }
        return true
    }

    /// The address's bytes: 4 for IPv4, 16 for IPv6, parsed by the C library's `inet_pton`.
    static func parse(_ text: String) -> [UInt8]? {
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
