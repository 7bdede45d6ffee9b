import Foundation
import Testing
import TicketGateCore
import TicketGateInbound
import TicketGateRules
import TicketGateVendors

/// A vendor's own rule settings (`VendorProfile.ruleSettings`): read from `set:` and `defaults:` as the vendor
/// declares them, refused with their place where the destination's vendor does not take them, carried to the
/// draft, and a JSON template rendered with each value written as the inside of a JSON string.
@Suite struct VendorSettingsTests {
    static func rules(_ set: String, destination: String = "hook") -> String {
        """
        sources:
          web: { kind: form, verify: { scheme: none } }
        destinations:
          hook: { vendor: webhook, url: "https://hooks.example.com/in" }
          spp: { vendor: spp, url: "https://acme.spp.co" }
        defaults: { destination: \(destination) }
        rules:
          - name: all
            set: \(set)
        """
    }

    static func load(_ text: String) -> (RuleSet?, [String]) {
        let (rules, problems) = RulesLoaderTests.compile([("rules.yml", text)])
        return (rules, problems.map(\.description))
    }

    @Test func aJSONTemplateWritesEachValueInsideAString() throws {
        let (rules, problems) = Self.load(
            Self.rules(#"{ body: '{"title": "{{subject}}", "from": "{{sender.email}}", "count": "{{fields.count}}"}' }"#))
        #expect(problems.isEmpty, "\(problems)")
        let event = InboundEvent(
            id: EventID(rawValue: "e"), source: "web", kind: .form, format: "generic", receivedAt: Date(), sender: Party(email: "jane@example.com"),
            subject: "A \"quoted\" \\ line\nand a tab\t<b>", fields: [FormField(name: "count", value: "3")])
        let ruleSet = try #require(rules)
        let draft = try #require(ruleSet.decide(event).draft)
        let body = try #require(draft.vendorSetting("body")?.text)
        let json = try JSONDecoder().decode(JSONValue.self, from: Data(body.utf8))
        #expect(json == ["title": "A \"quoted\" \\ line\nand a tab\t<b>", "from": "jane@example.com", "count": "3"])
    }

    @Test func aSettingTheDestinationsVendorDoesNotTakeIsAnErrorAtItsPlace() {
        let (rules, problems) = Self.load(Self.rules(#"{ body: '{}' }"#, destination: "spp"))
        #expect(rules == nil)
        #expect(problems == ["rules.yml:9:18: error: rule 'all' sets body, which only Webhook takes, but spp is SPP"])
    }

    /// A tag that writes a value unescaped would let a sender's text add members to the JSON.
    @Test(arguments: [#"{{{subject}}}"#, #"{{&subject}}"#, #"{{% CONTENT_TYPE: TEXT}}"#, #"{{=<% %>=}}"#])
    func aJSONTemplateRefusesTagsThatWriteUnescaped(tag: String) {
        let (rules, problems) = Self.load(Self.rules(#"{ body: '{"title": "\#(tag)"}' }"#))
        #expect(rules == nil)
        #expect(problems.first?.contains("the body template writes JSON, where every value goes inside a JSON string") == true, "\(problems)")
    }

    @Test func aTemplateWithANameNoEventHasIsAnError() {
        let (_, problems) = Self.load(Self.rules(#"{ body: '{"t": "{{subjet}}"}' }"#))
        #expect(problems.first?.contains("the body template uses {{subjet}}, which no event has (did you mean 'subject'?)") == true, "\(problems)")
    }

    /// A vendor's own setting made in `defaults` or handed on by `continue: true` reaches a destination whose
    /// vendor reads it differently or not at all: `check` warns where it is set.
    @Test func aSettingCarriedToAVendorThatIgnoresItIsAWarning() {
        let text = """
            sources:
              web: { kind: form, verify: { scheme: none } }
            destinations:
              zd: { vendor: zendesk, url: "https://acme.zendesk.com", email: "api@acme.example", token: "" }
              zm: { vendor: zammad, url: "https://z.example", token: "", group: Users }
            defaults: { destination: zd, group: 5 }
            rules:
              - name: urgent
                when: { subject: { contains: [urgent] } }
                set: { type: incident }
                continue: true
              - name: sales
                when: { subject: { contains: [quote] } }
                set: { destination: zm }
            """
        let (rules, problems) = Self.load(text)
        #expect(rules != nil)
        #expect(
            problems == [
                "rules.yml:6:37: warning: defaults set group, which Zammad does not take as '5'; rule 'sales' sends to zm, which ignores it",
                "rules.yml:10:18: warning: rule 'urgent' sets type and continues, so it reaches zm when rule 'sales' also matches; "
                    + "Zammad's API does not take it, and zm ignores it",
            ])
    }

    @Test func everyVendorsSettingsAreItsOwnNames() {
        let common = Set(RulesVocabulary.settingKeys([]))
        for vendor in VendorRegistry.profiles {
            let own = vendor.ruleSettings.map(\.key)
            #expect(common.isDisjoint(with: own), "\(vendor.name) declares a setting every vendor has")
            #expect(Set(own).count == own.count, "\(vendor.name) declares a setting twice")
        }
    }
}
