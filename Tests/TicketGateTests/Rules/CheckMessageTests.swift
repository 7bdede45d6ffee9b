import Testing
import TicketGateCore
import TicketGateRules

/// `check` as a compiler would: rules that are not valid YAML, a YAML escape the author did not mean, a broken block
/// beside other mistakes, an unset secret; each problem at its line and column, in plain words, with what to do.
@Suite struct CheckMessageTests {
    static func problems(_ text: String) -> [String] {
        RulesLoaderTests.compile([("rules.yml", text)]).1.map(\.description)
    }

    @Test func aTabInTheIndentationSaysSo() {
        #expect(
            Self.problems("sources:\n\tweb:\n    kind: form\n")
                == ["rules.yml:2:1: error: a tab indents this line; YAML indents with spaces only: replace the tab with spaces"])
    }

    @Test func aLineIndentedUnlikeItsNeighboursSaysSo() {
        let problems = Self.problems("sources:\n  web:\n    kind: form\n   format: generic\n")
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("rules.yml:4:") == true, "\(problems)")
        #expect(
            problems.first?.contains(
                "this line is indented unlike the lines around it: the keys of one mapping, and the items of one list, start in the same column")
                == true
                || problems.first?.contains("a ':' where no key can start: indent this line as the keys around it") == true, "\(problems)")
    }

    @Test func anUnclosedQuoteIsFoundWhereItOpens() {
        #expect(
            Self.problems("rules:\n  - name: \"spam\n    drop: spam keywords\n")
                == ["rules.yml:2:11: error: this quoted value is never closed: add its closing quote"])
    }

    @Test func aKeyWrittenTwiceIsAnError() {
        let problems = Self.problems("sources:\n  web: { kind: form }\n  web: { kind: chat }\n")
        #expect(problems == ["rules.yml:2:3: error: 'web' is written twice in one mapping, and only one would count: remove or rename the other"])
    }

    /// `"\b"` in double quotes is a backspace in YAML: the pattern would never match a word boundary.
    @Test func aBackspaceFromADoubleQuotedEscapeIsAWarningThatNamesTheIntent() {
        let text = """
            sources:
              web: { kind: form, verify: { scheme: none } }
            destinations:
              spp: { vendor: spp, url: "https://acme.spp.co", token: "" }
            defaults: { destination: spp }
            rules:
              - name: spam
                when: { body: { matches: "\\bcasino\\b" } }
                drop: spam
            """
        let problems = Self.problems(text)
        #expect(
            problems == [
                #"rules.yml:8:30: warning: this value holds a backspace, which is what "\b" means in double quotes; for a regular expression's word boundary, write '\b' in single quotes or "\\b" in double quotes"#
            ])
        #expect(Self.problems(text.replacingOccurrences(of: #""\bcasino\b""#, with: #"'\bcasino\b'"#)).isEmpty)
    }

    /// A broken `verify` block hides nothing else of its source.
    @Test func aBrokenVerifyBlockHidesNoOtherError() {
        let text = """
            sources:
              web:
                kind: form
                verify: { scheme: hmac-sha257, secrets: [x] }
                max_body_bytes: -5
            """
        let problems = Self.problems(text)
        #expect(problems.contains { $0.hasPrefix("rules.yml:4:23: error: scheme must be one of") }, "\(problems)")
        #expect(problems.contains { $0.hasPrefix("rules.yml:5:21: error: max_body_bytes must be a positive size") }, "\(problems)")
    }

    /// The hint for an unset secret says what fixes it, not a way to the next error (an empty secret).
    @Test func anUnsetSecretSaysToSetIt() {
        let text = """
            sources:
              web: { kind: form, verify: { scheme: hmac-sha256, header: X-Sig, secrets: ["${TICKETGATE_TEST_NEVER_SET}"] } }
            """
        #expect(
            Self.problems(text).first
                == "rules.yml:2:78: error: each of secrets uses ${TICKETGATE_TEST_NEVER_SET}, which is not set in the environment "
                + "(set TICKETGATE_TEST_NEVER_SET where the gateway runs; a secret cannot be empty)")
    }

    static func rules(set: String) -> String {
        """
        sources:
          web: { kind: form, verify: { scheme: none } }
        destinations:
          spp: { vendor: spp, url: "https://acme.spp.co", token: "" }
        defaults: { destination: spp }
        rules:
          - name: tag
            set: \(set)
        """
    }

    /// A name no event has renders empty; `check` says so, with the names a template can use.
    @Test func anUnknownTemplateVariableIsAnErrorThatListsTheNames() {
        let problems = Self.problems(Self.rules(set: #"{ subject: "[Web] {{subjet}} from {{sender.email}}" }"#))
        #expect(problems.count == 1, "\(problems)")
        #expect(
            problems.first?.hasPrefix(
                "rules.yml:8:21: error: the subject template uses {{subjet}}, which no event has (did you mean 'subject'?); a template can use "
            ) == true, "\(problems)")
        #expect(problems.first?.contains("received_at") == true)
    }

    /// Names inside a section over a list or a map are the section's; a name the section lacks is the event's.
    @Test func sectionsAndKnownNamesPass() {
        let template =
            #"{ message: "{{#attachments}}{{name}} ({{size}}){{/attachments}}{{#sender}}{{email}} {{subject}}{{/sender}}{{fields.plan}} {{headers.x-a}}" }"#
        #expect(Self.problems(Self.rules(set: template)).isEmpty)
        let misspelt = #"{ message: "{{#sender}}{{emial_typo}}{{/sender}}" }"#
        #expect(Self.problems(Self.rules(set: misspelt)).first?.contains("uses {{emial_typo}}, which no event has") == true)
    }

    /// Settings a rule hands on with `continue: true` are warned of where a later rule sends them to a helpdesk
    /// that ignores them, as its own settings are.
    @Test func ignoredSettingsFollowContinue() {
        let text = """
            sources:
              web: { kind: form, verify: { scheme: none } }
            destinations:
              spp: { vendor: spp, url: "https://acme.spp.co", token: "" }
              omnidesk: { vendor: omnidesk, url: "https://acme.omnidesk.com", api_key: "", brand: 1 }
            defaults: { destination: spp }
            rules:
              - name: vip
                when: { fields.plan: enterprise }
                set: { tags: [vip] }
                continue: true
              - name: russian
                when: { fields.language: ru }
                set: { destination: omnidesk }
            """
        #expect(
            Self.problems(text) == [
                "rules.yml:10:18: warning: rule 'vip' sets tags and continues, so it reaches omnidesk when rule 'russian' also matches; "
                    + "Omnidesk's API does not take it, and omnidesk ignores it"
            ])
    }
}
