import Testing
import TicketGateCore
import TicketGateInbound
import TicketGateRules
import TicketGateVendors

/// A secret of nothing but white space (a space, a tab, a line break, a no-break space) verifies nothing: the
/// loader refuses it at the place it is written, in `verify:` and in a destination's credential, as it refuses an
/// empty one.
@Suite struct BlankSecretsTests {
    static func problems(_ text: String) -> [String] {
        RulesLoader(environment: ["BLANK": "  "], formats: InboundFormats.supported, vendors: VendorRegistry.profiles)
            .compile([RulesFile(path: "r.yml", contents: text)]).1
            .map(\.description)
    }

    static let blank = "a secret of only white space (spaces, tabs, line breaks) is no secret; is an environment variable set to spaces?"
    static let basic =
        "each secret of scheme basic is user:password, neither of them empty or only white space; is an environment variable set to an empty string?"

    /// (the `verify:` block, the column of the refused secret in line 4, the message)
    @Test(arguments: [
        (#"{ scheme: token, header: X-Key, secrets: [" "] }"#, 55, blank),
        (#"{ scheme: hmac-sha256, header: X, secrets: [good, "\t"] }"#, 63, blank),
        (#"{ scheme: mailgun, secrets: "\n \r" }"#, 41, blank),
        (#"{ scheme: slack, secrets: ["\u00A0\u3000"] }"#, 40, blank),
        (#"{ scheme: typeform, secrets: ["${BLANK}"] }"#, 43, blank),
        (#"{ scheme: basic, secrets: ["   :   "] }"#, 40, basic),
        (#"{ scheme: basic, secrets: ["user:  "] }"#, 40, basic),
        (#"{ scheme: basic, secrets: [" \t:password"] }"#, 40, basic),
    ])
    func verificationSecretsOfWhiteSpaceAreRefused(verify: String, column: Int, message: String) {
        let problems = Self.problems("sources:\n  s:\n    kind: form\n    verify: \(verify)\n")
        #expect(problems == ["r.yml:4:\(column): error: \(message)"])
    }

    @Test func eachBlankSecretOfAListIsNamed() {
        let problems = Self.problems(
            "sources:\n  s:\n    kind: form\n    verify: { scheme: hmac-sha256, header: X, secrets: [\" \", ok, \"\\t\"] }\n")
        #expect(problems == ["r.yml:4:57: error: \(Self.blank)", "r.yml:4:66: error: \(Self.blank)"])
    }

    @Test func secretsWithWhiteSpaceAroundOtherCharactersStay() throws {
        let rules = try RulesLoader(environment: [:], formats: InboundFormats.supported, vendors: VendorRegistry.profiles).load([
            RulesFile(path: "r.yml", contents: "sources:\n  s:\n    kind: form\n    verify: { scheme: basic, secrets: [\" user : pass word \"] }\n")
        ])
        #expect(rules.sources["s"]?.verification.secrets.count == 1)
    }

    @Test func aDestinationCredentialOfWhiteSpaceIsRefusedAndAnEmptyOneIsDryRun() {
        let blank = Self.problems("destinations:\n  spp: { vendor: spp, url: \"https://a.example\", token: \"${BLANK}\" }\n")
        #expect(
            blank == [
                "r.yml:2:56: error: token is only white space (spaces, tabs, line breaks), which is no credential; leave it empty or unset for dry-run"
            ])
        #expect(Self.problems("destinations:\n  spp: { vendor: spp, url: \"https://a.example\", token: \"${UNSET:-}\" }\n") == [])
    }
}

/// A secret that falls back to the default written in the rules (`${NAME:-default}` with NAME unset) is a
/// warning at its place: anyone who reads the rules (the sample's are public) can sign requests.
@Suite struct DefaultSecretsTests {
    static let rules = "sources:\n  s:\n    kind: form\n    verify: { scheme: hmac-sha256, header: X, secrets: [\"${SIGNING:-sample}\"] }\n"

    static func problems(environment: [String: String]) -> [String] {
        RulesLoader(environment: environment, formats: InboundFormats.supported, vendors: VendorRegistry.profiles)
            .compile([RulesFile(path: "r.yml", contents: rules)]).1
            .map(\.description)
    }

    @Test func aSecretFromTheRulesDefaultIsAWarningAndOneFromTheEnvironmentIsNot() {
        #expect(
            Self.problems(environment: [:]) == [
                "r.yml:4:57: warning: this secret is the default written in the rules, as SIGNING is not set: anyone who reads the rules can sign requests; set SIGNING"
            ])
        #expect(Self.problems(environment: ["SIGNING": "from-the-environment"]).isEmpty)
    }
}
