import Testing
import TicketGateCore
import TicketGateInbound
import TicketGateRules
import TicketGateVendors

/// Loading a rules directory: `${ENV}` substitution, merging files, and problems reported at their place.
@Suite struct RulesLoaderTests {
    static let destinations = """
        destinations:
          spp: { vendor: spp, url: "https://acme.spp.co/", token: "${SPP_TOKEN:-}" }
        """

    static func compile(_ files: [(String, String)], environment: [String: String] = [:]) -> (RuleSet?, [RulesProblem]) {
        RulesLoader(environment: environment, formats: InboundFormats.supported, vendors: VendorRegistry.profiles).compile(
            files.map { RulesFile(path: $0.0, contents: $0.1) })
    }

    static func errors(_ text: String, environment: [String: String] = [:]) -> [String] {
        compile([("rules.yml", text)], environment: environment).1.filter { $0.severity == .error }.map(\.description)
    }

    @Test func sampleRulesLoadWithNoEnvironment() throws {
        let ruleSet = try RulesLoader(environment: [:], formats: InboundFormats.supported, vendors: VendorRegistry.profiles).load(
            directory: PackagePaths.rules)
        #expect(ruleSet.sources.keys.sorted() == ["website"])
        #expect(ruleSet.destinations["spp"]?.isDryRun == true)
        #expect(ruleSet.sources["website"]?.verification.secrets == [Secret("change-me-website-secret")])
    }

    @Test func environmentFillsValuesAndDefaultsApplyOnlyWhenUnset() throws {
        let text = """
            sources:
              web:
                kind: form
                verify: { scheme: hmac-sha256, header: X-Sig, secrets: ["${WEB_SECRET}", "${OLD_SECRET:-older}"] }
            \(Self.destinations)
            """
        let (ruleSet, problems) = Self.compile([("a.yml", text)], environment: ["WEB_SECRET": "s1", "SPP_TOKEN": "t0k"])
        // The default is taken, and the secret it gives is one anyone reading the rules knows.
        #expect(problems.map(\.severity) == [.warning])
        #expect(problems.first?.message.contains("as OLD_SECRET is not set") == true)
        let source = try #require(ruleSet?.sources["web"])
        #expect(source.verification.secrets == [Secret("s1"), Secret("older")])
        #expect(source.verification.encoding == nil)
        #expect(source.verification.tolerance == .seconds(300))
        #expect(source.format == "generic")
        let destination = try #require(ruleSet?.destinations["spp"])
        #expect(destination.credential == Secret("t0k"))
        #expect(destination.baseURL == "https://acme.spp.co")
    }

    @Test func unsetVariableIsAnErrorAtItsPlaceNeverAnEmptyString() {
        let text = """
            sources:
              web:
                kind: form
                verify: { scheme: hmac-sha256, header: X-Sig, secrets: ["${WEB_SECRET}"] }
            """
        #expect(
            Self.errors(text) == [
                "rules.yml:4:61: error: each of secrets uses ${WEB_SECRET}, which is not set in the environment (set WEB_SECRET where the gateway runs; a secret cannot be empty)"
            ])
    }

    @Test func problemsNameFileLineColumnWithHints() {
        let text = """
            sources:
              web:
                kind: form
                formt: generic
                verify: { scheme: hmac-sha265, header: X-Sig, secrets: [a] }
            \(Self.destinations)
            defaults:
              destination: sp
            rules:
              - name: one
                when: { subjct: { contains: [x] } }
                set: { tags: [a] }
              - name: two
                when: { subject: { contians: x } }
                set: { staff_only: maybe }
              - name: one
                drop: duplicate
              - name: four
            """
        #expect(
            Self.errors(text) == [
                "rules.yml:4:5: error: unknown key 'formt' in source 'web' (did you mean 'format'?)",
                "rules.yml:5:23: error: scheme must be one of hmac-sha256, hmac-sha1, hmac-sha512, standard-webhooks, stripe, slack, mailgun, typeform, webflow, basic, token, none, found 'hmac-sha265' (did you mean 'hmac-sha256'?)",
                "rules.yml:9:16: error: unknown destination 'sp' (did you mean 'spp'?)",
                "rules.yml:12:13: error: unknown field 'subjct' (did you mean 'subject'?)",
                "rules.yml:15:24: error: unknown operator 'contians' (did you mean 'contains'?)",
                "rules.yml:16:24: error: staff_only must be true or false, found 'maybe'",
                "rules.yml:17:5: error: rule name 'one' is used twice",
                "rules.yml:19:5: error: rule 'four' needs 'set' or 'drop'",
            ])
    }

    @Test func sourcesNeedAnExplicitVerifyAndKnownFormat() {
        let text = """
            sources:
              open: { kind: form }
              typed: { kind: form, format: wufoo, verify: { scheme: none } }
              chat: { kind: chat, format: drift, verify: { scheme: none } }
            """
        #expect(
            Self.errors(text) == [
                "rules.yml:2:9: error: source 'open' needs 'verify'; write 'verify: { scheme: none }' to accept unsigned requests",
                "rules.yml:3:32: error: format 'wufoo' is not available for kind form (available: generic, jotform, tally, typeform, webflow)",
                "rules.yml:4:31: error: format 'drift' is not available for kind chat (available: crisp, generic, intercom, sunshine, tawkto)",
            ])
    }

    @Test func filesMergeInNameOrderAndDuplicatesAcrossFilesAreErrors() throws {
        let base = """
            \(Self.destinations)
            defaults: { destination: spp, tags: [inbound] }
            rules:
              - { name: first, set: { tags: [a] }, continue: true }
            """
        let more = """
            rules:
              - { name: second, set: { tags: [b] } }
            """
        let (ruleSet, problems) = Self.compile([("10-base.yml", base), ("20-more.yml", more)])
        #expect(problems.isEmpty)
        #expect(ruleSet?.ruleNames == ["first", "second"])

        let clash = "defaults: { tags: [other] }\ndestinations:\n  spp: { vendor: spp, url: \"https://x.example\" }"
        let clashes = Self.compile([("10-base.yml", base), ("20-clash.yml", clash)]).1.map(\.description)
        #expect(
            clashes == [
                "20-clash.yml:1:13: error: 'tags' appears twice in defaults",
                "20-clash.yml:3:3: error: destination 'spp' is defined twice",
            ])
    }

    @Test func yamlSyntaxErrorsAreLocated() {
        let problems = Self.compile([("broken.yml", "rules:\n  - name: [unclosed\n")]).1
        #expect(problems.count == 1)
        #expect(problems.first?.location.file == "broken.yml")
        #expect(problems.first?.location.line == 3)
        #expect(problems.first?.message.hasPrefix("invalid YAML:") == true)
    }

    @Test func contradictionsAreErrors() {
        let text = """
            \(Self.destinations)
            rules:
              - name: both
                set: { staff_only: true, visible_to_customer: true }
              - name: drop-and-continue
                drop: noise
                continue: true
              - name: drop-and-set
                set: { tags: [x] }
                drop: noise
            """
        #expect(
            Self.errors(text) == [
                "rules.yml:5:51: error: staff_only and visible_to_customer are the same setting; use one of them",
                "rules.yml:8:15: error: rule 'drop-and-continue' drops the event, so it cannot continue",
                "rules.yml:11:11: error: rule 'drop-and-set' has both set and drop; a dropped event gets no settings",
            ])
    }
}
