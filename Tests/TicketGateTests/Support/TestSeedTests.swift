import Testing

/// The seed helper every generated test uses: `TICKETGATE_TEST_SEED` replays a printed seed, a malformed value
/// is an error that names the variable, and the same seed makes the same numbers.
@Suite struct TestSeedTests {
    @Test(
        arguments: [
            ("0", 0), ("123", 123), ("18446744073709551615", UInt64.max), ("0x7B", 123), ("0Xff", 255), ("0xFFFFFFFFFFFFFFFF", UInt64.max),
            ("007", 7),
        ] as [(String, UInt64)])
    func readsDecimalAndHexadecimalSeeds(text: String, value: UInt64) throws {
        #expect(TestSeed.parse(text) == value)
        #expect(try TestSeed.next(environment: [TestSeed.variable: text]).value == value)
    }

    @Test(arguments: ["abc", "-1", "+5", " 5", "5 ", "0x", "0x-1", "1e3", "18446744073709551616", "0x10000000000000000", "１２", "12_3", "0b1"])
    func refusesWhatIsNotASeed(text: String) {
        #expect(TestSeed.parse(text) == nil)
        let error = #expect(throws: HarnessError.self) { try TestSeed.next(environment: [TestSeed.variable: text]) }
        #expect(error?.description.hasPrefix("TICKETGATE_TEST_SEED=\(text.debugDescription) is not a seed") == true)
    }

    @Test func withoutTheVariableEachSeedIsNew() throws {
        let seeds = try (0..<8).map { _ in try TestSeed.next(environment: [:]).value }
        #expect(Set(seeds).count == seeds.count)
        #expect(try TestSeed.next(environment: [TestSeed.variable: ""]).value != TestSeed.next(environment: [TestSeed.variable: ""]).value)
    }

    @Test func aFailureMessageSaysHowToReplay() {
        #expect("\(TestSeed(value: 123))" == "seed 123 — replay with TICKETGATE_TEST_SEED=123")
    }

    @Test func theSameSeedMakesTheSameNumbers() {
        var first = SeededRandom(seed: TestSeed(value: 42))
        var second = SeededRandom(seed: 42)
        let drawn = (0..<16).map { _ in first.next() }
        #expect(drawn == (0..<16).map { _ in second.next() })
        #expect(Set(drawn).count == 16)
    }
}
