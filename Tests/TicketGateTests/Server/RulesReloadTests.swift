import Foundation
import Testing
import TicketGateCore
import TicketGateStore

#if canImport(Glibc)
    import Glibc
#endif

/// Rules reload on SIGHUP and on file change: valid rules take effect for the next event; invalid ones are
/// refused and the rules in force keep routing.
@Suite struct RulesReloadTests {
    static func rules(tag: String) -> String {
        """
        sources:
          web: { kind: form, verify: { scheme: none } }
        destinations:
          spp: { vendor: spp, url: "http://127.0.0.1:9" }
        defaults: { destination: spp }
        rules:
          - { name: tagging, set: { tags: [\(tag)] } }
        """
    }

    static func form(_ n: Int) -> String { #"{"email":"jane@example.com","message":"event \#(n)"}"# }

    @Test func sighupAppliesValidRulesAndRefusesInvalidOnes() async throws {
        let directory = try TemporaryDirectory()
        let rulesFile = try directory.write("rules/rules.yml", Self.rules(tag: "first"))
        let database = directory.file("tg.sqlite")
        let gateway = try GatewayProcess(
            arguments: ["serve", "--rules", directory.file("rules"), "--database", "sqlite:\(database)", "--port", "0"],
            environment: ["TICKETGATE_RULES_POLL": "0"]
        )
        let port = try await gateway.listeningPort()
        let first = try await GatewayProcess.post(Self.form(1), to: "web", port: port)

        try Self.rules(tag: "second").write(toFile: rulesFile, atomically: true, encoding: .utf8)
        gateway.signal(SIGHUP)
        _ = try await gateway.lines.first { $0.contains("rules reloaded") }
        let second = try await GatewayProcess.post(Self.form(2), to: "web", port: port)

        try "rules: [ { name: broken, set: { tagz: [x] } } ]\n".write(toFile: rulesFile, atomically: true, encoding: .utf8)
        gateway.signal(SIGHUP)
        let refusal = try await gateway.lines.first { $0.contains("rules reload refused") }
        let third = try await GatewayProcess.post(Self.form(3), to: "web", port: port)
        gateway.signal(SIGTERM)
        #expect(try await gateway.exitStatus() == 0)

        #expect(refusal.contains("unknown key 'tagz'"))
        let store = try SQLiteEventStore(path: database, serving: false)
        var versions: [String] = []
        for (id, tag) in [(first, "first"), (second, "second"), (third, "second")] {
            let report = try #require(try await store.report(for: EventID(rawValue: id)))
            #expect(report.decision.draft?.tags == [tag], "event \(id)")
            let decided = try #require(report.audit.first { $0.record.stage == .decided })
            versions.append(decided.record.detail["rules_version"]?.string ?? "")
        }
        #expect(versions[0] != versions[1])
        #expect(versions[1] == versions[2])
    }

    @Test func aChangedFileIsPickedUpWithoutASignal() async throws {
        let gateway = try GatewayHarness(rules: Self.rules(tag: "before"), rulesPollInterval: .milliseconds(100))
        let rulesFile = gateway.directory.file("rules/rules.yml")
        try await gateway.run { client in
            let before = try #require(try await client.post("/hooks/web", body: Self.form(1), contentType: "application/json").eventID)
            try Self.rules(tag: "after").write(toFile: rulesFile, atomically: true, encoding: .utf8)
            _ = try await gateway.logs.lines.first { $0.contains("rules reloaded") }
            let after = try #require(try await client.post("/hooks/web", body: Self.form(2), contentType: "application/json").eventID)
            #expect(try await gateway.report(before).decision.draft?.tags == ["before"])
            #expect(try await gateway.report(after).decision.draft?.tags == ["after"])
        }
    }
}
