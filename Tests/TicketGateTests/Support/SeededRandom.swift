import Foundation
import Testing

/// A reproducible source of random numbers (SplitMix64), so a generated test case fails the same way each run.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    init(seed: TestSeed) {
        state = seed.value
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}

/// The seed of a generated test: a fresh random one, or the one `TICKETGATE_TEST_SEED` names (decimal or
/// `0x` hexadecimal), so that a failure can be replayed without editing the test. Its description, which every
/// failure message of a generated test carries, says how: "seed 123 — replay with TICKETGATE_TEST_SEED=123".
struct TestSeed: CustomStringConvertible, Sendable {
    static let variable = "TICKETGATE_TEST_SEED"

    let value: UInt64

    var description: String { "seed \(value) — replay with \(Self.variable)=\(value)" }

    /// The seed for a generated test: `TICKETGATE_TEST_SEED` when it is set and not empty, else a random one.
    /// A value that is not a seed is an error, never ignored.
    static func next(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> TestSeed {
        guard let text = environment[variable], !text.isEmpty else { return TestSeed(value: UInt64.random(in: 0...UInt64.max)) }
        guard let value = parse(text) else {
            throw HarnessError("\(variable)=\(text.debugDescription) is not a seed: write a decimal number or 0x and a hexadecimal one, below 2^64")
        }
        return TestSeed(value: value)
    }

    /// `123` or `0x7B` (either case); `nil` for anything else, signs and spaces included, and for values past
    /// `UInt64.max`.
    static func parse(_ text: String) -> UInt64? {
        let hexadecimal = text.hasPrefix("0x") || text.hasPrefix("0X")
        let digits = hexadecimal ? text.dropFirst(2) : Substring(text)
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && (hexadecimal ? $0.isHexDigit : $0.isNumber) }) else { return nil }
        return UInt64(digits, radix: hexadecimal ? 16 : 10)
    }
}

/// Runs a generated test's `body`; an error it throws is recorded with `seed`, so the failing case can be made
/// again.
func recordingSeed(_ seed: TestSeed, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
    do { try body() } catch { Issue.record(error, "\(seed)", sourceLocation: sourceLocation) }
}

/// Runs a generated test's asynchronous `body`; an error it throws is recorded with `seed`.
func recordingSeed(_ seed: TestSeed, sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void) async {
    do { try await body() } catch { Issue.record(error, "\(seed)", sourceLocation: sourceLocation) }
}
