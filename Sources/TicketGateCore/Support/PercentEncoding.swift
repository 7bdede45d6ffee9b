/// The one percent-encoding of the gateway: every path segment and query component it writes into a URL.
package enum PercentEncoding {
    /// Percent-encodes every UTF-8 byte of `text` but RFC 3986's unreserved characters, with upper-case hex
    /// digits: what Foundation's `addingPercentEncoding` writes for the unreserved set. A component of only
    /// dots (`.`, `..`) has them encoded too, so it cannot move a path up a segment.
    package static func component(_ text: String) -> String {
        if text == "." || text == ".." { return String(repeating: "%2E", count: text.count) }
        var encoded: [UInt8] = []
        encoded.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if isUnreserved(byte) {
                encoded.append(byte)
            } else {
                encoded.append(contentsOf: [UInt8(ascii: "%"), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]])
            }
        }
        return String(decoding: encoded, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// A letter, a digit, `-`, `.`, `_` or `~`: left as it is in a path segment or query component.
    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"): true
        default: false
        }
    }
}
