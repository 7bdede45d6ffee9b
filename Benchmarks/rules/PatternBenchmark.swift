import Foundation
import TicketGateCore
import TicketGateInbound
import TicketGateRules
import TicketGateVendors

#if canImport(Glibc)
    import Glibc
#endif

/// `rules-bench patterns`: what `matches` conditions cost one event, per event decided. Patterns that backtrack
/// without end on a 10,000-character body, alone and several together (bounded by the decision's pattern
/// budget), and ordinary patterns that run the regex engine (no literal text lets them be skipped) on the usual
/// 400-character body and on a 10,000-character one. Median and highest wall time per event, and the thread's
/// CPU time per event.
enum PatternBenchmark {
    static let pathological = [#"(a+)+$"#, #"(a|aa)+$"#, #"(a*)*b"#, #"(\w+\s?)*$"#, #"(?s)(.*?,){11}P"#, #"(a{1,100}){1,100}b"#]
    static let ordinary = [
        #"(?i)\b(casino|viagra|lottery)\b"#, #"\b\d{6,}\b"#, #"(?i)refund|chargeback"#, #"[A-Z]{5,}"#, #"(?i)urgent!+"#, #"\$\d+(\.\d\d)?"#,
        #"(?i)\bunsubscribe\b"#, #"^\s*$"#, #"(?i)order\s*#?\d+"#, #"\p{Lu}{3}-\d{4}"#,
    ]

    static func run() throws {
        let long = String(repeating: "a", count: 9_999) + "!"
        let words = String(repeating: "Hello team, our dashboard has been slow since this morning and exports time out. ", count: 125)
        print("scenario".padding(toLength: 52, withPad: " ", startingAt: 0) + "median ms   max ms   cpu ms   events")
        try measure("(a+)+$ on 10,000 characters", patterns: [pathological[0]], body: long)
        try measure("4 backtracking patterns on 10,000 characters", patterns: Array(pathological.prefix(4)), body: long)
        try measure("6 backtracking patterns on 10,000 characters", patterns: pathological, body: long)
        try measure("(a+)+$ on 41 characters", patterns: [pathological[0]], body: String(long.suffix(41)))
        try measure("6 backtracking patterns on 41 characters", patterns: pathological, body: String(long.suffix(41)))
        try measure("(a{1,100}){1,100}b on 300 characters", patterns: [pathological[5]], body: String(long.suffix(300)))
        try measure("10 ordinary patterns on 400 characters", patterns: ordinary, body: String(words.prefix(400)))
        try measure("10 ordinary patterns on 10,000 characters", patterns: ordinary, body: String(words.prefix(10_000)))
    }

    /// Decides events with a body of `body` under one rule per pattern, for about two seconds or 2,000 events.
    static func measure(_ name: String, patterns: [String], body: String) throws {
        var rules = ["sources:", "  web: { kind: form, verify: { scheme: none } }", "rules:"]
        for (index, pattern) in patterns.enumerated() {
            let quoted = pattern.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            rules.append("  - { name: p\(index), when: { body: { matches: \"\(quoted)\" } }, set: { tags: [t\(index)] }, continue: true }")
        }
        let ruleSet = try RulesLoader(environment: [:], formats: InboundFormats.supported, vendors: VendorRegistry.profiles)
            .load([RulesFile(path: "patterns.yml", contents: rules.joined(separator: "\n") + "\n")])
        let event = InboundEvent(
            id: EventID(rawValue: "event"), source: "web", kind: .form, format: "generic", receivedAt: Date(),
            sender: Party(email: "person@example.com"), subject: "Subject", text: body)
        var samples: [Double] = []
        var cpu: [Double] = []
        let clock = ContinuousClock()
        let started = clock.now
        var sink = 0
        while samples.count < 2_000, samples.count < 3 || clock.now - started < .seconds(2) {
            let cpuBefore = threadCPUSeconds()
            let start = clock.now
            sink &+= ruleSet.decide(event).trace.count
            let elapsed = clock.now - start
            cpu.append(threadCPUSeconds() - cpuBefore)
            samples.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        if sink == -1 { print("") }
        let sorted = samples.sorted()
        print(
            name.padding(toLength: 52, withPad: " ", startingAt: 0)
                + String(
                    format: "%9.3f   %6.1f   %6.3f   %6d", sorted[sorted.count / 2] * 1e3, sorted.last! * 1e3,
                    cpu.sorted()[cpu.count / 2] * 1e3, samples.count))
    }

    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
