import Foundation
import TicketGateCore
import TicketGateInbound
import TicketGateRules
import TicketGateVendors

/// Measures `RuleSet.decide` at 10, 100 and 1,000 rules: the median and 99th percentile time per event.
///
/// The rules are a realistic mix (contains, equality, in, domain, starts_with, exists, comparisons, regular
/// expressions, any/all/not), most of which do not match, so every event is tried against nearly all of them.
@main
struct RulesBenchmark {
    /// `rules-bench [RULES [ITERATIONS]]`: without arguments, 10, 100 and 1,000 rules. `rules-bench patterns`
    /// times `matches` conditions instead (`PatternBenchmark`).
    static func main() throws {
        if CommandLine.arguments.dropFirst().first == "patterns" { return try PatternBenchmark.run() }
        let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
        let counts = arguments.first.map { [$0] } ?? [10, 100, 1_000]
        let events = EventFactory.events(count: 64)
        print("rules   median µs   p99 µs   events/s   (\(ProcessInfo.processInfo.activeProcessorCount) cores)")
        for count in counts {
            let ruleSet = try RulesLoader(environment: [:], formats: InboundFormats.supported, vendors: VendorRegistry.profiles)
                .load([RulesFile(path: "bench.yml", contents: RuleFactory.document(rules: count))])
            let samples = measure(ruleSet, events: events, iterations: arguments.dropFirst().first ?? (count >= 1_000 ? 20_000 : 50_000))
            let sorted = samples.sorted()
            let median = sorted[sorted.count / 2]
            let p99 = sorted[sorted.count * 99 / 100]
            let total = samples.reduce(0, +)
            print(
                String(count).padding(toLength: 8, withPad: " ", startingAt: 0)
                    + String(format: "%9.2f   %6.2f   %8.0f", median * 1e6, p99 * 1e6, Double(samples.count) / total)
            )
        }
    }

    /// Seconds per decision, one sample per event decided, after a warm-up.
    static func measure(_ ruleSet: RuleSet, events: [InboundEvent], iterations: Int) -> [Double] {
        var sink = 0
        for index in 0..<max(1_000, iterations / 5) {
            sink &+= ruleSet.decide(events[index % events.count]).matchedRules.count
        }
        let clock = ContinuousClock()
        var samples: [Double] = []
        samples.reserveCapacity(iterations)
        for index in 0..<iterations {
            let event = events[index % events.count]
            let start = clock.now
            let decision = ruleSet.decide(event)
            let elapsed = clock.now - start
            sink &+= decision.trace.count
            samples.append(Double(elapsed.components.attoseconds) / 1e18 + Double(elapsed.components.seconds))
        }
        if sink == 42 { print("") }
        return samples
    }
}
