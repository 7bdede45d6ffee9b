import Foundation
import Testing
import TicketGateCore

@testable import TicketGateConsole
@testable import TicketGateServer

/// The console's templates write every value escaped, and its links keep what a sender controls inside a
/// percent-encoded path segment or query value.
@Suite struct ConsoleTemplateTests {
    @Test func noTemplateWritesAValueUnescaped() throws {
        for (name, text) in ConsoleTemplates.all {
            #expect(!text.contains("{{{"), "\(name)")
            #expect(!text.contains("{{&"), "\(name)")
            #expect(!text.contains("{{="), "\(name) changes its delimiters")
            #expect(!text.contains("style="), "\(name): the Content-Security-Policy allows no inline style")
            #expect(!text.contains("<script>"), "\(name): the Content-Security-Policy allows no inline script")
        }
        _ = try ConsoleRenderer()
    }

    @Test func attributesAreQuotedSoEscapingHoldsInThem() {
        for (name, text) in ConsoleTemplates.all {
            #expect(text.firstMatch(of: /=\{\{/) == nil, "\(name) writes a value into an unquoted attribute")
        }
    }

    @Test func linksEncodeWhatTheyCarry() {
        #expect(ConsoleLinks.event(EventID(rawValue: "a/../b?c#d")) == "/console/events/a%2F..%2Fb%3Fc%23d")
        #expect(ConsoleLinks.events([("text", "a&b=c"), ("source", nil), ("rule", "")]) == "/console/events?text=a%26b%3Dc")
        #expect(ConsoleLinks.destination("x/y", "pause") == "/console/destinations/x%2Fy/pause")
        #expect(ConsoleLinks.returnPath("/console/events?status=dead") == "/console/events?status=dead")
        for outside in [
            "https://evil.example/", "//evil.example", "/console//evil", "/console\\evil", "/admin", "/consolex", "/console/login?next=/console",
        ] {
            #expect(ConsoleLinks.returnPath(outside) == nil, "\(outside)")
        }
    }

    @Test func theChartScalesToItsTallestHour() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let hour = Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 3600).rounded(.down) * 3600)
        let chart = ActivityChart([ActivityHour(start: hour, events: 7, deliveries: [.delivered: 5, .dead: 2])], now: now)
        #expect(chart.caption == "7 events in the last 24 hours")
        #expect(chart.gridlines.map(\.label) == ["0", "5", "10"])
        let last = chart.bars.suffix(3)
        #expect(last.map(\.kind) == ["events", "ok", "bad"])
        #expect(last.map(\.label).allSatisfy { $0.contains("UTC") })
        #expect(chart.bars.filter { $0.kind == "events" }.count == 24)
        #expect(ActivityChart.niceCeiling(0) == 2)
        #expect(ActivityChart.niceCeiling(11) == 20)
        #expect(ActivityChart.niceCeiling(Int.max) > 0)
    }
}
