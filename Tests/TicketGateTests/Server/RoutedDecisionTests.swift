import Foundation
import Testing
import TicketGateCore

@testable import TicketGateServer

/// `preview` names a change of a vendor's own setting (a Zendesk group, a Zammad priority) like any other, and
/// cuts a long one (a webhook's rendered body) short.
@Suite struct RoutedDecisionTests {
    static func decision(_ settings: [String: VendorSettingValue]?) -> Decision {
        Decision(
            trace: [],
            outcome: .deliver(
                TicketDraft(destination: "desk", requester: Party(email: "a@b.example"), subject: "s", message: "m", vendorSettings: settings)))
    }

    @Test func aVendorSettingThatChangesIsNamed() {
        let before = RoutedDecision(Self.decision(["group": .integer(3), "priority": .text("high")]))
        let now = RoutedDecision(Self.decision(["group": .integer(4), "body": .text(String(repeating: "x", count: 70))]))
        #expect(
            now.changes(from: before) == [
                "body \(String(repeating: "x", count: 60))… instead of none", "group 4 instead of 3", "priority none instead of high",
            ])
        #expect(now.changes(from: now).isEmpty)
    }
}
