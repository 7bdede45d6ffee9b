import Foundation
import Testing

/// Python modules some tests compare against: the rules schema is validated with `jsonschema` and PyYAML, and
/// `/metrics` parsed with `prometheus_client`. A test that needs a missing module is skipped, and says which and
/// how to install it, unless `TICKETGATE_TEST_PYTHON=required` (as `.ci/run` sets), which makes it a failure.
struct PythonModules: Sendable {
    static let schema = PythonModules(modules: ["jsonschema", "yaml"], packages: "jsonschema pyyaml")
    static let prometheus = PythonModules(modules: ["prometheus_client"], packages: "prometheus-client")

    static let isRequired = ProcessInfo.processInfo.environment["TICKETGATE_TEST_PYTHON"] == "required"

    let modules: [String]
    let packages: String
    let isInstalled: Bool

    init(modules: [String], packages: String) {
        self.modules = modules
        self.packages = packages
        let probe = try? ChildProcess("/usr/bin/env", ["python3", "-c", "import " + modules.joined(separator: ", ")])
        isInstalled = probe?.waitUntilExit() == 0
    }

    var isAvailable: Bool { isInstalled || Self.isRequired }

    var skipReason: Comment {
        "Python's \(modules.joined(separator: " and ")) not found (pip install \(packages)); TICKETGATE_TEST_PYTHON=required makes this a failure"
    }
}
