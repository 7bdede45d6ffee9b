import Testing

/// A reproducible source of random numbers (SplitMix64), so a generated test case fails the same way each run.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}

/// Runs a generated test's `body`; an error it throws is recorded with `seed`, so the failing case can be made
/// again with `SeededRandom(seed:)`.
func recordingSeed(_ seed: UInt64, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
    do { try body() } catch { Issue.record(error, "seed \(seed)", sourceLocation: sourceLocation) }
}

/// Runs a generated test's asynchronous `body`; an error it throws is recorded with `seed`.
func recordingSeed(_ seed: UInt64, sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void) async {
    do { try await body() } catch { Issue.record(error, "seed \(seed)", sourceLocation: sourceLocation) }
}
