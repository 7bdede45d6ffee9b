import Foundation

/// The text log's timestamps are local time, written by glibc's `strftime`, which calls `tzset()` each time;
/// with `TZ` unset, `tzset()` looks at `/etc/localtime` again (a `stat`) to see whether it changed: one system
/// call per log line, two per delivered event. Naming that same file in `TZ` lets `tzset()` see that nothing
/// changed without asking the kernel. The zone is the one the process would have used anyway; a change of
/// `/etc/localtime` while the gateway runs shows in its timestamps after a restart.
enum LocalTimeZone {
    /// The `TZ` to set for `environment`: the system's zone file when `TZ` is unset, otherwise nothing.
    static func pinnedTZ(environment: [String: String]) -> String? {
        environment["TZ"] == nil ? ":/etc/localtime" : nil
    }

    /// Sets `TZ` as `pinnedTZ` says. Call it before the gateway starts its threads.
    static func pin(environment: [String: String] = ProcessInfo.processInfo.environment) {
        #if os(Linux)
            if let value = pinnedTZ(environment: environment) { setenv("TZ", value, 0) }
        #endif
    }
}
