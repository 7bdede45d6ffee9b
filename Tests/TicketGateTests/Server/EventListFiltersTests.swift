import Foundation
import Testing
import TicketGateCore

@testable import TicketGateServer

/// `ticketgate events list` reads a local database with the admin API's rules for its filters.
@Suite struct EventListFiltersTests {
    @Test func filtersAreReadAsTheAdminAPIReadsThem() throws {
        var filters = EventListFilters()
        filters.status = "dead"
        filters.source = "website"
        filters.since = "2026-11-21"
        filters.until = "2026-11-22T10:00:00Z"
        filters.limit = 10
        let query = try filters.eventQuery()
        #expect(query.status == .dead)
        #expect(query.source == "website")
        #expect(query.since == Date(timeIntervalSince1970: 1_795_219_200))
        #expect(query.until == Date(timeIntervalSince1970: 1_795_219_200 + 86_400 + 36_000))
        #expect(query.limit == 10)
    }

    @Test func aFilterThatDoesNotParseSaysWhich() {
        var filters = EventListFilters()
        filters.since = "yesterday"
        #expect {
            try filters.eventQuery()
        } throws: {
            ($0 as? InvalidEventFilter)?.description.hasPrefix("since must be an ISO 8601 date or time") == true
        }
        filters = EventListFilters()
        filters.status = "lost"
        #expect {
            try filters.eventQuery()
        } throws: {
            ($0 as? InvalidEventFilter)?.description.hasPrefix("status must be one of") == true
        }
    }

    @Test func onlyTheFiltersSetGoToTheAdminAPI() {
        var filters = EventListFilters()
        filters.status = "dead"
        filters.limit = 5
        let sent = filters.parameters.compactMap { name, value in value.map { "\(name)=\($0)" } }
        #expect(sent == ["status=dead", "limit=5"])
    }
}

/// `events list` prints what an event's sender wrote on its own line: a subject cannot add a line or run long.
@Suite struct EventListLineTests {
    @Test func aSubjectWithLineBreaksAndEscapesStaysOnItsLine() {
        let summary = EventSummary(
            id: EventID(rawValue: "e1"), source: "web", kind: .form, format: "generic", receivedAt: Date(timeIntervalSince1970: 0),
            sender: "Mallory <m@example.com>", subject: "Hi\n2026-01-01T00:00:00Z  forged  web  \"x\"  \u{1B}[2J" + String(repeating: "y", count: 80),
            outcome: "unrouted", matchedRules: [], deliveries: [])
        let text = AdminReports.format(EventPage(events: [summary], next: nil))
        #expect(!text.contains("\n"), "\(text)")
        #expect(!text.unicodeScalars.contains("\u{1B}"))
        #expect(text.contains("  Mallory <m@example.com>  \"Hi"))
        #expect(text.contains("…\""))
    }
}
