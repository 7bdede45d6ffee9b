import Foundation
import Testing
import TicketGateCore

/// Both stores answer what the console asks beyond the admin API: events whose sender or subject contains
/// a text (in any case, `%` and `_` literal), each listed with its sender and subject; events and their
/// deliveries by the hour they arrived; a rule filter that counts only rules that matched.
@Suite struct ConsoleQueryStoreTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    func event(_ id: String, at date: Date, sender: Party, subject: String?, trace: [RuleTrace] = [], outcome: Decision.Outcome = .deliver(.form()))
        -> AcceptedEvent
    {
        var accepted = AcceptedEvent.form(id, at: date, outcome: outcome)
        accepted.event.sender = sender
        accepted.event.subject = subject
        accepted.decision = Decision(trace: trace, outcome: outcome)
        return accepted
    }

    @Test(arguments: StoreKind.available)
    func textFindsTheSenderOrSubjectThatContainsIt(kind: StoreKind) async throws {
        try await kind.withStore { store in
            _ = try await store.accept(
                event("e1", at: start, sender: Party(email: "jane@example.com", name: "Jane Roe"), subject: "Refund for order 42"))
            _ = try await store.accept(event("e2", at: start.addingTimeInterval(1), sender: Party(email: "max@example.org"), subject: "100% off?"))
            _ = try await store.accept(event("e3", at: start.addingTimeInterval(2), sender: Party(name: "Ann_Lee"), subject: nil))
            func ids(_ text: String) async throws -> [String] {
                try await store.listEvents(EventQuery(text: text)).events.map(\.id.rawValue)
            }
            #expect(try await ids("JANE") == ["e1"])
            #expect(try await ids("refund") == ["e1"])
            #expect(try await ids("example") == ["e2", "e1"])
            #expect(try await ids("100%") == ["e2"])
            #expect(try await ids("0%") == ["e2"])
            #expect(try await ids("%") == ["e2"])
            #expect(try await ids("n_L") == ["e3"])
            #expect(try await ids("_") == ["e3"])
            #expect(try await ids("nobody") == [])
            let rows = try await store.listEvents(EventQuery()).events
            #expect(rows.first { $0.id.rawValue == "e1" }?.sender == "Jane Roe <jane@example.com>")
            #expect(rows.first { $0.id.rawValue == "e1" }?.subject == "Refund for order 42")
            #expect(rows.first { $0.id.rawValue == "e3" }?.subject == nil)
            #expect(rows.first { $0.id.rawValue == "e3" }?.sender == "Ann_Lee")
        }
    }

    /// Seven events, some at the same millisecond, paged three at a time: older pages to the end, then newer
    /// pages back to the first, each the same events in the same order; the total counts the filter's matches.
    @Test(arguments: StoreKind.available)
    func pagesGoBothWaysAndCountTheirEvents(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let ids = (1...7).map { "e\($0)" }
            for (index, id) in ids.enumerated() {
                _ = try await store.accept(
                    event(id, at: start.addingTimeInterval(Double(index / 2)), sender: Party(email: "a@b.co"), subject: index == 6 ? "other" : "s"))
            }
            let newestFirst = try await store.listEvents(EventQuery(limit: 10)).events.map(\.id.rawValue)
            #expect(newestFirst == ["e7", "e6", "e5", "e4", "e3", "e2", "e1"])
            var pages: [EventPage] = [try await store.listEvents(EventQuery(limit: 3, counting: true))]
            #expect(pages[0].previous == nil)
            #expect(pages[0].total == EventTotal(count: 7, more: false))
            while let next = pages.last?.next {
                pages.append(try await store.listEvents(EventQuery(limit: 3, cursor: next)))
            }
            #expect(pages.map { $0.events.map(\.id.rawValue) } == [["e7", "e6", "e5"], ["e4", "e3", "e2"], ["e1"]])
            var back = [pages[2]]
            while let previous = back.last?.previous {
                back.append(try await store.listEvents(EventQuery(limit: 3, newer: previous)))
            }
            #expect(back.map { $0.events.map(\.id.rawValue) } == [["e1"], ["e4", "e3", "e2"], ["e7", "e6", "e5"]])
            #expect(back.last?.next == pages[0].next)
            #expect(try await store.listEvents(EventQuery(text: "other", counting: true)).total == EventTotal(count: 1, more: false))
            #expect(try await store.listEvents(EventQuery(limit: 3)).total == nil)
            #expect(EventTotal(counted: EventTotal.countLimit + 1) == EventTotal(count: EventTotal.countLimit, more: true))
        }
    }

    @Test(arguments: StoreKind.available)
    func theRuleFilterCountsOnlyRulesThatMatched(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let matched = [RuleTrace(rule: "billing", result: .matched)]
            let gaveUp = [RuleTrace(rule: "billing", result: .notMatched, failedCondition: "subject matches /x+/ (gave up)")]
            _ = try await store.accept(event("e1", at: start, sender: Party(email: "a@b.co"), subject: "s", trace: matched))
            _ = try await store.accept(event("e2", at: start.addingTimeInterval(1), sender: Party(email: "a@b.co"), subject: "s", trace: gaveUp))
            #expect(try await store.listEvents(EventQuery(rule: "billing")).events.map(\.id.rawValue) == ["e1"])
        }
    }

    @Test(arguments: StoreKind.available)
    func activityCountsEventsAndTheirDeliveriesByTheHourTheyArrived(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let hour = (start.timeIntervalSince1970 / 3600).rounded(.down) * 3600
            let first = Date(timeIntervalSince1970: hour + 60)
            let second = Date(timeIntervalSince1970: hour + 3600 + 5)
            _ = try await store.accept(
                event(
                    "old", at: first.addingTimeInterval(-7200), sender: Party(email: "a@b.co"), subject: "s", outcome: .drop(rule: "x", reason: "x")))
            _ = try await store.accept(event("a", at: first, sender: Party(email: "a@b.co"), subject: "s"))
            _ = try await store.accept(event("b", at: first.addingTimeInterval(30), sender: Party(email: "a@b.co"), subject: "s"))
            _ = try await store.accept(
                event("c", at: second, sender: Party(email: "a@b.co"), subject: "s", outcome: .drop(rule: "spam", reason: "spam")))
            let claimed = try await store.claimDueDeliveries(now: second, limit: 1, leaseUntil: second.addingTimeInterval(60))
            let job = try #require(claimed.first)
            try await store.finishAttempt(
                deliveryID: job.id, eventID: job.eventID, claim: job.claim, result: .dead(DeliveryFailure(.serverError, "502")), audit: [])

            let activity = try await store.activity(since: first.addingTimeInterval(-60))
            #expect(activity.map(\.start) == [Date(timeIntervalSince1970: hour), Date(timeIntervalSince1970: hour + 3600)])
            #expect(activity.map(\.events) == [2, 1])
            #expect(activity[0].deliveries == [.pending: 1, .dead: 1])
            #expect(activity[1].deliveries == [:])
        }
    }

    /// A console sign-out is kept in the store, so every instance refuses the session's cookie, until the session
    /// would have expired anyway; expired sign-outs are forgotten as new ones are recorded.
    @Test(arguments: StoreKind.available)
    func aSignOutIsSeenByEveryInstanceAndForgottenOnceItsSessionExpired(kind: StoreKind) async throws {
        try await kind.withTwoHandles { first, second in
            #expect(try await second.isSignedOut(nonce: "n1") == false)
            try await first.recordSignOut(nonce: "n1", expiresAt: start.addingTimeInterval(3600), now: start)
            #expect(try await second.isSignedOut(nonce: "n1"))
            #expect(try await second.isSignedOut(nonce: "n2") == false)
            try await second.recordSignOut(nonce: "n2", expiresAt: start.addingTimeInterval(7200 + 60), now: start.addingTimeInterval(7200))
            #expect(try await first.isSignedOut(nonce: "n1") == false, "n1's session expired an hour before")
            #expect(try await first.isSignedOut(nonce: "n2"))
        }
    }
}
