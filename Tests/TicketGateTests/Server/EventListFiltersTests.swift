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
