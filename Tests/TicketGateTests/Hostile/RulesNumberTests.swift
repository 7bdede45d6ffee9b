import Foundation
import Testing
import TicketGateCore
import TicketGateInbound
import TicketGateRules
import TicketGateVendors

#if canImport(Glibc)
    import Glibc
#endif

/// Every number in a rules file is converted with checks and held to its range: a typo is a located `check`
/// error, never a trap, in `check` and in a running gateway's reload alike.
@Suite struct RulesNumberTests {
    static func problems(_ text: String) -> [String] {
        RulesLoader(environment: [:], formats: InboundFormats.supported, vendors: VendorRegistry.profiles).compile([
            RulesFile(path: "r.yml", contents: text)
        ]).1.map(\.description)
    }

    static func source(_ line: String) -> String {
        "sources:\n  s:\n    kind: form\n    verify: { scheme: slack, secrets: [a] }\n    \(line)\n"
    }

    static func tolerance(_ value: String) -> String {
        "sources:\n  s:\n    kind: form\n    verify: { scheme: slack, tolerance: \(value), secrets: [a] }\n"
    }

    static func destination(_ line: String) -> String {
        "destinations:\n  spp:\n    vendor: spp\n    url: https://acme.spp.co\n    \(line)\n"
    }

    static func condition(_ operatorLine: String) -> String {
        "rules:\n  - name: r\n    when: { fields.amount: { \(operatorLine) } }\n    drop: x\n"
    }

    /// (the rules text, the place and start of its one error)
    @Test(arguments: [
        (tolerance("9999999999999999h"), "r.yml:4:41: error: tolerance must be a duration of at most 1d"),
        (tolerance("9223372036854775807d"), "r.yml:4:41: error: tolerance must be a duration of at most 1d"),
        (tolerance("99999999999999999999"), "r.yml:4:41: error: tolerance must be a duration of at most 1d"),
        (tolerance("2d"), "r.yml:4:41: error: tolerance must be a duration of at most 1d"),
        (tolerance("-5m"), "r.yml:4:41: error: tolerance must be a duration of at most 1d"),
        (source("max_body_bytes: 99999999999999GiB"), "r.yml:5:21: error: max_body_bytes must be a positive size of at most 256MiB"),
        (source("max_body_bytes: 9223372036854775807KiB"), "r.yml:5:21: error: max_body_bytes must be a positive size of at most 256MiB"),
        (source("max_body_bytes: 99999999999999999999"), "r.yml:5:21: error: max_body_bytes must be a positive size of at most 256MiB"),
        (source("max_body_bytes: 257MiB"), "r.yml:5:21: error: max_body_bytes must be a positive size of at most 256MiB"),
        (source("max_attachment_bytes: 8EB"), "r.yml:5:27: error: max_attachment_bytes must be a positive size of at most 256MiB"),
        (source("max_attachments: 99999999999"), "r.yml:5:22: error: max_attachments must be a number from 0 to 1000"),
        (source("rate_limit: 1/9999999999999999d"), "r.yml:5:17: error: rate_limit must be 1 to 1000000 requests"),
        (source("rate_limit: 9999999999999999999/s"), "r.yml:5:17: error: rate_limit must be 1 to 1000000 requests"),
        (source("rate_limit: 1/2d"), "r.yml:5:17: error: rate_limit must be 1 to 1000000 requests"),
        (destination("rate_limit: 60/9223372036854775807h"), "r.yml:5:17: error: rate_limit must be 1 to 1000000 requests per period"),
        (destination("concurrency: 99999999999999999999"), "r.yml:5:18: error: concurrency must be a whole number"),
        (destination("concurrency: 100000"), "r.yml:5:18: error: concurrency must be from 1 to 4096"),
        (condition("gt: nan"), "r.yml:3:34: error: gt takes a number or an ISO 8601 time"),
        (condition("lt: inf"), "r.yml:3:34: error: lt takes a number or an ISO 8601 time"),
        (condition("gte: 1e999"), "r.yml:3:35: error: gte takes a number or an ISO 8601 time"),
    ])
    func outOfRangeNumbersAreLocatedErrors(text: String, error: String) {
        let found = Self.problems(text)
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.hasPrefix(error) == true, "\(found)")
    }

    /// The typo written into a running gateway's rules directory: the reload is refused, the rules in force
    /// stay, and the gateway goes on accepting.
    @Test func aTypoInALiveRulesDirectoryIsRefusedAndTheGatewayGoesOn() async throws {
        let directory = try TemporaryDirectory()
        let valid = "sources:\n  web: { kind: form, verify: { scheme: none } }\n"
        let rulesFile = try directory.write("rules/rules.yml", valid)
        let gateway = try GatewayProcess(
            arguments: ["serve", "--rules", directory.file("rules"), "--database", "sqlite:\(directory.file("tg.sqlite"))", "--port", "0"],
            environment: ["TICKETGATE_RULES_POLL": "0"])
        let port = try await gateway.listeningPort()
        for (number, broken) in [
            Self.tolerance("9999999999999999h"), Self.source("max_body_bytes: 99999999999999GiB"), Self.source("rate_limit: 1/9999999999999999d"),
        ].enumerated() {
            try broken.write(toFile: rulesFile, atomically: true, encoding: .utf8)
            gateway.signal(SIGHUP)
            _ = try await gateway.lines.first { $0.contains("rules reload refused") }
            _ = try await GatewayProcess.post(#"{"email":"jane@example.com","message":"Hello \#(number)"}"#, to: "web", port: port)
        }
        gateway.signal(SIGTERM)
        #expect(try await gateway.exitStatus() == 0)
    }
}
