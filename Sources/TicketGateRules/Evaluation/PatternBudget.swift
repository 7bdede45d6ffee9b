#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The work every regular-expression search of one decision shares (its `matches` conditions and its ticket
/// references), and the patterns that gave up on it, by rule. Used by one decision, on one thread.
///
/// ICU reports progress at every position a search starts a match from, and after every 10,000 steps of
/// backtracking; neither report says which it is. The budget has two parts, and a search that runs out of
/// either gives up and counts as no match:
/// - **engine steps**, deterministic: each search may take one report per position it can start from, and all
///   searches together `extraReports` more, about a million steps of backtracking. On values of ordinary
///   length this is what stops a pattern such as `(a+)+$`, the same way on every run.
/// - **CPU time**, a backstop: once the searches have used `cpuLimit` of the thread's CPU time, counted from the
///   first search that runs the engine, that search and every later one gives up. This bounds what counting
///   cannot: positions that each cost thousands of steps, and long values. The wall clock (cheap to read, and
///   never behind the thread's CPU time) is read when a search starts, at every report drawn from the extra
///   ones, and at every `clockInterval`th report otherwise; the thread's CPU time only when the wall clock says
///   the limit may have been reached.
final class PatternBudget {
    /// Reports beyond one per start position that all searches of a decision may take together: a report of
    /// backtracking costs about 0.15 to 0.2 ms (`BENCHMARKS.md`), so one pattern that backtracks without end on
    /// a short value spends these, and its positions, well within `cpuLimit`.
    static let extraReports = 100
    /// The thread CPU time the searches of a decision may use, in nanoseconds. Reports come at most 10,000
    /// engine steps apart, well under a millisecond for patterns of ordinary size, so with the reports between
    /// two readings of the clock and the searches' setup the searches stay within 50 ms.
    static let cpuLimit: UInt64 = 40_000_000
    /// How many reports within a search's positions may pass between two readings of the wall clock: reading
    /// it costs about as much as a report, and 16 reports are a few milliseconds at most.
    static let clockInterval = 16

    /// The clocks the budget reads, in nanoseconds: a monotonic wall clock and the thread's CPU time.
    struct Clocks {
        var wall: () -> UInt64
        var cpu: () -> UInt64

        static var system: Clocks { Clocks(wall: { nanoseconds(CLOCK_MONOTONIC) }, cpu: { nanoseconds(CLOCK_THREAD_CPUTIME_ID) }) }

        private static func nanoseconds(_ clock: clockid_t) -> UInt64 {
            var time = timespec()
            clock_gettime(clock, &time)
            return UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
        }
    }

    /// Progress reports taken by every search that has ended: the engine work the decision spent.
    private(set) var reports = 0
    /// Reports beyond one per position still to be had.
    private(set) var extraReportsLeft: Int
    /// True once the CPU time is spent: every later search gives up before it starts.
    private(set) var isSpent = false
    /// The sources of the patterns that gave up, by rule index.
    private(set) var gaveUp: [Int: [String]] = [:]

    private let cpuLimit: UInt64
    private let clocks: Clocks
    /// The thread's CPU time when the first search started, read then.
    private var cpuAtStart: UInt64?
    /// The wall-clock time before which the CPU time cannot have reached the limit.
    private var nextCPUCheck: UInt64 = 0

    init(extraReports: Int = PatternBudget.extraReports, cpuLimit: UInt64 = PatternBudget.cpuLimit, clocks: Clocks = .system) {
        self.extraReportsLeft = extraReports
        self.cpuLimit = cpuLimit
        self.clocks = clocks
    }

    /// Before a search runs the engine: false when the budget is spent.
    func startSearch() -> Bool {
        guard !isSpent else { return false }
        guard cpuAtStart != nil else {
            nextCPUCheck = clocks.wall() &+ cpuLimit
            cpuAtStart = clocks.cpu()
            return true
        }
        return hasTimeLeft()
    }

    /// At a progress report a search takes beyond as many as it has start positions, and at every
    /// `clockInterval`th report within them: false when the search must give up.
    func allows(beyondPositions: Bool) -> Bool {
        if beyondPositions {
            guard extraReportsLeft > 0 else { return false }
            extraReportsLeft -= 1
        }
        return hasTimeLeft()
    }

    /// Adds the reports a search took, once it ends.
    func count(_ searchReports: Int) {
        reports += searchReports
    }

    /// Notes that `pattern`, in the condition of rule `rule`, gave up.
    func note(_ pattern: Pattern, rule: Int) {
        if gaveUp[rule, default: []].contains(pattern.source) { return }
        gaveUp[rule, default: []].append(pattern.source)
    }

    private func hasTimeLeft() -> Bool {
        let now = clocks.wall()
        guard now >= nextCPUCheck, let start = cpuAtStart else { return true }
        let cpu = clocks.cpu()
        let used = cpu > start ? cpu - start : 0
        guard used < cpuLimit else {
            isSpent = true
            return false
        }
        // The CPU time grows no faster than the wall clock: it cannot reach the limit before this.
        nextCPUCheck = now &+ (cpuLimit - used)
        return true
    }
}
