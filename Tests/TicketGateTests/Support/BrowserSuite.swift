import Foundation
import Testing

/// Python's playwright with Debian's chromium, for the console's browser suite. The suite is skipped when
/// either is missing, unless `TICKETGATE_TEST_BROWSER=required` (as `.ci/run` sets), which makes their
/// absence a failure.
enum BrowserSuite {
    static let chromium = "/usr/bin/chromium"
    static let script = PackagePaths.root.appendingPathComponent("Tests/Browser/console_browser_test.py").path

    static let isRequired = ProcessInfo.processInfo.environment["TICKETGATE_TEST_BROWSER"] == "required"

    static let isInstalled: Bool = {
        guard FileManager.default.isExecutableFile(atPath: chromium),
            let probe = try? ChildProcess("/usr/bin/env", ["python3", "-c", "import playwright.sync_api"])
        else { return false }
        return probe.waitUntilExit() == 0
    }()

    static let isAvailable = isInstalled || isRequired

    static let skipReason: Comment = """
        chromium or Python's playwright not found (apt-get install chromium; pip install playwright); \
        TICKETGATE_TEST_BROWSER=required makes this a failure
        """

    /// Runs the browser suite with `scenario`; throws with its output when a check fails.
    static func run(_ scenario: [String: String]) async throws -> String {
        guard isInstalled else { throw HarnessError("\(skipReason)") }
        let argument = String(decoding: try JSONSerialization.data(withJSONObject: scenario, options: [.sortedKeys]), as: UTF8.self)
        let ended = try await ChildProcess.run("/usr/bin/env", ["python3", script, argument], input: Data())
        let output = String(decoding: ended.output, as: UTF8.self) + String(decoding: ended.error, as: UTF8.self)
        guard ended.status == 0 else { throw HarnessError("the browser suite failed (exit \(ended.status)):\n\(output)") }
        return output
    }
}
