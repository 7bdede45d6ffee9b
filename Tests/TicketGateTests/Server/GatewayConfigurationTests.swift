import Logging
import Testing
import TicketGateCore
import TicketGateStorePostgres

@testable import TicketGateServer

@Suite struct GatewayConfigurationTests {
    @Test func defaultsAreTheEmbeddedSetup() throws {
        let configuration = try GatewayConfiguration.fromEnvironment([:])
        #expect(configuration.host == "127.0.0.1")
        #expect(configuration.port == 8080)
        #expect(configuration.rulesDirectory == "Rules")
        #expect(configuration.databaseURL == "sqlite:data/ticketgate.sqlite")
        #expect(configuration.adminToken == nil)
    }

    @Test func environmentOverridesEachDefault() throws {
        let configuration = try GatewayConfiguration.fromEnvironment([
            "TICKETGATE_RULES": "/etc/ticketgate", "TICKETGATE_DATABASE": "sqlite:/var/lib/tg.sqlite", "TICKETGATE_HOST": "0.0.0.0",
            "TICKETGATE_PORT": "9000", "TICKETGATE_ADMIN_TOKEN": "admin-token-of-24-chars", "TICKETGATE_DELIVERY_CONCURRENCY": "12",
        ])
        #expect(configuration.delivery.concurrency == 12)
        #expect(configuration.rulesDirectory == "/etc/ticketgate")
        #expect(configuration.databaseURL == "sqlite:/var/lib/tg.sqlite")
        #expect(configuration.host == "0.0.0.0")
        #expect(configuration.port == 9000)
        #expect(configuration.adminToken == Secret("admin-token-of-24-chars"))
    }

    @Test func badPortIsAStartupError() {
        #expect(throws: StartupError.self) { try GatewayConfiguration.fromEnvironment(["TICKETGATE_PORT": "http"]) }
        #expect(throws: StartupError.self) { try GatewayConfiguration.fromEnvironment(["TICKETGATE_PORT": "70000"]) }
        #expect(throws: StartupError.self) { try GatewayConfiguration.fromEnvironment(["TICKETGATE_DELIVERY_CONCURRENCY": "0"]) }
    }

    @Test func logSettingsTakeTheCommandLineThenTheEnvironment() throws {
        let environment = ["LOG_LEVEL": "error", "LOG_FORMAT": "text"]
        let fromFlags = try LogSettings(level: "debug", format: "json", environment: environment)
        #expect(fromFlags.level == .debug)
        #expect(fromFlags.format == .json)
        let fromEnvironment = try LogSettings(level: nil, format: nil, environment: ["LOG_LEVEL": "error", "LOG_FORMAT": "json"])
        #expect(fromEnvironment.level == .error)
        #expect(fromEnvironment.format == .json)
        let defaults = try LogSettings(level: nil, format: nil, environment: ["LOG_LEVEL": "loud"])
        #expect(defaults.level == .info)
        #expect(defaults.format == .text)
        #expect(throws: StartupError.self) { try LogSettings(level: nil, format: nil, environment: ["LOG_FORMAT": "xml"]) }
    }

    /// The text log's local timestamps read the zone file once, not on every line: `TZ` names it when unset.
    @Test func anUnsetTZNamesTheSystemZoneFile() {
        #expect(LocalTimeZone.pinnedTZ(environment: [:]) == ":/etc/localtime")
        #expect(LocalTimeZone.pinnedTZ(environment: ["TZ": "Europe/Berlin"]) == nil)
        #expect(LocalTimeZone.pinnedTZ(environment: ["TZ": ""]) == nil)
    }

    @Test func databaseURLs() throws {
        #expect(try DatabaseLocation(url: "sqlite:data/x.sqlite") == .sqlite(path: "data/x.sqlite"))
        #expect(try DatabaseLocation(url: "sqlite:///var/x.sqlite") == .sqlite(path: "/var/x.sqlite"))
        #expect(
            try DatabaseLocation(url: "postgres://gate:secret@localhost/tg")
                == .postgres(PostgresLocation(host: "localhost", username: "gate", password: "secret", database: "tg")))
        #expect(throws: (any Error).self) { try DatabaseLocation(url: "postgres://localhost/tg") }
        #expect(throws: (any Error).self) { try DatabaseLocation(url: "mysql://x") }
    }

    @Test func brokenRulesStopTheGatewayWithEveryProblem() async throws {
        let directory = try TemporaryDirectory()
        try directory.write("rules/a.yml", "sources:\n  web: { kind: form }\nrulez: []\n")
        var configuration = GatewayConfiguration(environment: [:])
        configuration.rulesDirectory = directory.file("rules")
        configuration.databaseURL = "sqlite:\(directory.file("tg.sqlite"))"
        let logger = Logger(label: "t")
        let error = try await #require(throws: StartupError.self) {
            let opened = try await openStore(for: configuration, logger: logger)
            _ = try await buildApplication(configuration, store: opened.store, coordination: opened.coordination, logger: logger)
        }
        #expect(error.description.contains("a.yml:2:8: error: source 'web' needs 'verify'"))
        #expect(error.description.contains("a.yml:3:1: error: unknown section 'rulez' (did you mean 'rules'?)"))
    }
}
