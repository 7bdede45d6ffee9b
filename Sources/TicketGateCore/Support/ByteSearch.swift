#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds bytes in bytes with the C library's `memchr` and `memcmp`: the fast path for substring tests on
/// text that is already normalized.
package enum ByteSearch {
    package static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let wordStart = needle.baseAddress, !needle.isEmpty else { return true }
        guard let textStart = haystack.baseAddress, needle.count <= haystack.count else { return false }
        let first = Int32(wordStart.pointee)
        let last = haystack.count - needle.count
        var offset = 0
        while offset <= last {
            guard let hit = memchr(textStart + offset, first, last - offset + 1) else { return false }
            let position = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - textStart
            if memcmp(textStart + position, wordStart, needle.count) == 0 { return true }
            offset = position + 1
        }
        return false
    }

    package static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        haystack.withUnsafeBufferPointer { text in needle.withUnsafeBufferPointer { contains(text, $0) } }
    }

    /// Whether `haystack`'s UTF-8 contains `needle`'s, exactly: no case folding, no normalization.
    package static func contains(_ haystack: String, _ needle: String) -> Bool {
        var haystack = haystack
        var needle = needle
        return haystack.withUTF8 { text in needle.withUTF8 { contains(text, $0) } }
    }
}
