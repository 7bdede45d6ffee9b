/// A set of the pairs of adjacent bytes in a text, as bits: a text contains a needle only if it holds every
/// pair the needle does, so most `contains` tests are answered by a few bit lookups instead of a search.
/// Pairs of ASCII bytes have a bit each; other bytes share bits, which can only let a search through.
enum BigramFilter {
    /// 128 × 128 bits.
    static let words = 256

    @inline(__always)
    static func bit(_ first: UInt8, _ second: UInt8) -> Int {
        Int(first & 0x7F) << 7 | Int(second & 0x7F)
    }

    /// Sets the bits of `text`'s pairs in `filter`, which holds `words` zeroed words.
    static func fill(_ filter: UnsafeMutableBufferPointer<UInt64>, from text: UnsafeBufferPointer<UInt8>) {
        guard text.count > 1 else { return }
        for index in 1..<text.count {
            let bit = bit(text[index - 1], text[index])
            filter[bit >> 6] |= 1 << UInt64(bit & 63)
        }
    }

    /// False when the text behind `filter` cannot contain `needle`.
    @inline(__always)
    static func mayContain(_ filter: UnsafeBufferPointer<UInt64>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        guard needle.count > 1 else { return true }
        for index in 1..<needle.count {
            let bit = bit(needle[index - 1], needle[index])
            if filter[bit >> 6] & (1 << UInt64(bit & 63)) == 0 { return false }
        }
        return true
    }
}
