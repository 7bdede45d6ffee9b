import Foundation
import Testing
import TicketGateCore

/// `ByteSearch.contains` answers as Foundation's `Data.range(of:)` does, over generated haystacks and needles
/// from a small alphabet, so that near misses, overlaps, repeats and matches at either end are common.
@Suite struct ByteSearchTests {
    @Test func agreesWithFoundationOnGeneratedBytes() throws {
        let seed = try TestSeed.next()
        var random = SeededRandom(seed: seed)
        let alphabet: [UInt8] = [0x00, 0x2D, 0x2D, 0x61, 0x61, 0x62, 0xC3, 0xFF]
        var found = 0
        for _ in 0..<20_000 {
            let haystack = (0..<Int.random(in: 0...40, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
            let needle = (0..<Int.random(in: 1...5, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
            let expected = Data(haystack).range(of: Data(needle)) != nil
            guard ByteSearch.contains(haystack, needle) == expected else {
                Issue.record("\(seed): \(needle) in \(haystack): ByteSearch says \(!expected), Foundation \(expected)")
                return
            }
            if expected { found += 1 }
        }
        #expect(found > 2_000 && found < 18_000, "\(seed): \(found) of 20,000 found")
    }

    @Test func anEmptyNeedleIsEverywhere() {
        #expect(ByteSearch.contains([], []))
        #expect(ByteSearch.contains([1, 2], []))
        #expect(!ByteSearch.contains([], [1]))
    }
}
