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
        let (rules, problems) = Self.load(Self.rules(#"{ body: '{"title": "{{subject}}", "from": "{{sender.email}}", "raw": {{{fields.count}}}}' }"#))
        #expect(problems.isEmpty, "\(problems)")
        let event = InboundEvent(
            id: EventID(rawValue: "e"), source: "web", kind: .form, format: "generic", receivedAt: Date(), sender: Party(email: "jane@example.com"),
            subject: "A \"quoted\" \\ line\nand a tab\t<b>", fields: [FormField(name: "count", value: "3")])
        let ruleSet = try #require(rules)
        let draft = try #require(ruleSet.decide(event).draft)
        let body = try #require(draft.vendorSetting("body")?.text)
        let json = try JSONDecoder().decode(JSONValue.self, from: Data(body.utf8))
        #expect(json == ["title": "A \"quoted\" \\ line\nand a tab\t<b>", "from": "jane@example.com", "raw": 3])
    }

    @Test func aSettingTheDestinationsVendorDoesNotTakeIsAnErrorAtItsPlace() {
        let (rules, problems) = Self.load(Self.rules(#"{ body: '{}' }"#, destination: "spp"))
        #expect(rules == nil)
        #expect(problems == ["rules.yml:9:18: error: rule 'all' sets body, which only Webhook takes, but spp is SPP"])
    }

    @Test func aTemplateWithANameNoEventHasIsAnError() {
        let (_, problems) = Self.load(Self.rules(#"{ body: '{"t": "{{subjet}}"}' }"#))
        #expect(problems.first?.contains("the body template uses {{subjet}}, which no event has (did you mean 'subject'?)") == true, "\(problems)")
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
