import Foundation
import TicketGateCore

/// Text folded for comparisons that ignore case: lowercased, put in Unicode normal form C (so canonically
/// equivalent texts have the same bytes), and kept as UTF-8 bytes, so comparing is a byte search.
struct FoldedText: Sendable, Hashable, CustomStringConvertible {
    let bytes: [UInt8]

    init(_ text: String) {
        var bytes: [UInt8] = []
        Self.append(text, to: &bytes)
        self.bytes = bytes
    }

    /// Appends `text` folded to `buffer`: ASCII is lowered byte by byte, anything else goes through Unicode's
    /// lowercase mapping and canonical composition.
    static func append(_ text: String, to buffer: inout [UInt8]) {
        var text = text
        let isASCII = text.withUTF8 { bytes in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return false }
            let start = buffer.count
            buffer.append(contentsOf: bytes)
            buffer.withUnsafeMutableBufferPointer { folded in
                for index in start..<folded.count where folded[index] &- 0x41 < 26 { folded[index] |= 0x20 }
            }
            return true
        }
        if !isASCII {
            buffer.append(contentsOf: text.lowercased().precomposedStringWithCanonicalMapping.utf8)
        }
    }

    var description: String { String(decoding: bytes, as: UTF8.self) }

    func contains(_ needle: FoldedText) -> Bool {
        ByteSearch.contains(bytes, needle.bytes)
    }

    func hasPrefix(_ prefix: FoldedText) -> Bool {
        prefix.bytes.count <= bytes.count && bytes.prefix(prefix.bytes.count).elementsEqual(prefix.bytes)
    }

    func hasSuffix(_ suffix: FoldedText) -> Bool {
        suffix.bytes.count <= bytes.count && bytes.suffix(suffix.bytes.count).elementsEqual(suffix.bytes)
    }

    /// The part after the last `@`, or all of it.
    var domainPart: ArraySlice<UInt8> {
        guard let at = bytes.lastIndex(of: UInt8(ascii: "@")) else { return bytes[...] }
        return bytes[(at + 1)...]
    }

    /// True when the text's domain part is `domain` or a subdomain of it.
    func isInDomain(_ domain: FoldedText) -> Bool {
        let part = domainPart
        if part.elementsEqual(domain.bytes) { return true }
        guard part.count > domain.bytes.count else { return false }
        return part.suffix(domain.bytes.count).elementsEqual(domain.bytes) && part[part.endIndex - domain.bytes.count - 1] == UInt8(ascii: ".")
    }
}
