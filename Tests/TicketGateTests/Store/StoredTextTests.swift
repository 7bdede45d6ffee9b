import Foundation
import Testing
import TicketGateCore

/// Both stores hold every code point an event can carry, U+0000 included (PostgreSQL's `text` cannot: a NUL in a
/// subject used to make every retry of the event a 503), and answer the same: the event, its decision and its
/// audit come back exactly as they went in; the list shows U+0000 as U+FFFD on both; the rule filter and the
/// text search work over stored NULs; the search folds case by Unicode's rules on both, whatever the database's
/// locale.
@Suite struct StoredTextTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    func event(_ id: String, sender: Party, subject: String?, at offset: TimeInterval = 0) -> AcceptedEvent {
        var accepted = AcceptedEvent.form(id, at: start.addingTimeInterval(offset))
        accepted.event.sender = sender
        accepted.event.subject = subject
        return accepted
    }

    @Test(arguments: StoreKind.available)
    func everyCodePointIsStoredAndReadBackAsItWas(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let strange = "a\u{0}b \u{1B}[2J ☃ 𝄞 \u{202E}txt.exe e\u{301} \u{FFFF}"
            var accepted = event("nul", sender: Party(email: "nul\u{0}@example.com", name: "Ann\u{0}Lee"), subject: "Re: \(strange)")
            accepted.event.text = strange
            accepted.event.fields = [FormField(name: "note\u{0}", value: strange, label: strange)]
            accepted.decision = Decision(
                trace: [
                    RuleTrace(rule: "billing", result: .matched),
                    RuleTrace(rule: "spam", result: .notMatched, failedCondition: "body contains \"\(strange)\""),
                ],
                outcome: .deliver(.form(subject: strange)))
            accepted.audit = [AuditRecord(stage: .received, at: start, summary: strange, detail: ["value": .string(strange)])]
            #expect(try await store.accept(accepted) == .stored)

            let report = try #require(try await store.report(for: accepted.event.id))
            #expect(report.event == accepted.event)
            #expect(report.decision == accepted.decision)
            #expect(report.audit.map(\.record).contains(accepted.audit[0]))

            let listed = try #require(try await store.listEvents(EventQuery()).events.first)
            #expect(listed.subject == "Re: a\u{FFFD}b \u{1B}[2J ☃ 𝄞 \u{202E}txt.exe e\u{301} \u{FFFF}")
            #expect(listed.sender == "Ann\u{FFFD}Lee <nul\u{FFFD}@example.com>")
            #expect(try await store.listEvents(EventQuery(rule: "billing")).events.map(\.id) == [accepted.event.id])
            #expect(try await store.listEvents(EventQuery(rule: "spam")).events.isEmpty)
            #expect(try await store.listEvents(EventQuery(text: "☃ 𝄞")).events.map(\.id) == [accepted.event.id])
            #expect(try await store.listEvents(EventQuery(text: "ann lee")).events.map(\.id) == [accepted.event.id])

            let job = try #require(try await store.claimDueDeliveries(now: start, limit: 1, leaseUntil: start.addingTimeInterval(60)).first)
            #expect(job.draft.subject == strange)
            try await store.finishAttempt(
                deliveryID: job.id, eventID: job.eventID, claim: job.claim,
                result: .failed(DeliveryFailure(.rejected, "422: subject \u{0} is not allowed")), audit: [])
            let failed = try #require(try await store.report(for: accepted.event.id)?.deliveries.first)
            #expect(failed.status == .failed)
            #expect(failed.lastFailure == DeliveryFailure(.rejected, "422: subject \u{FFFD} is not allowed"))
            // Every other query reads over the stored NULs too.
            #expect(try await store.counts() == StoreCounts(events: 1, deliveries: 1, auditRecords: 1))
            #expect(try await store.deliveryCounts(statuses: nil) == ["spp": [.failed: 1]])
            #expect(try await store.activity(since: start).map(\.events) == [1])
            #expect(try await store.listEvents(EventQuery(status: .failed, source: "web", destination: "spp", rule: "billing")).events.count == 1)
        }
    }

    @Test(arguments: StoreKind.available)
    func theSearchFoldsCaseAndCompositionTheSameOnEveryStore(kind: StoreKind) async throws {
        try await kind.withStore { store in
            _ = try await store.accept(event("cyrillic", sender: Party(email: "ivanov@example.ru", name: "Иван Иванов"), subject: "Счёт"))
            _ = try await store.accept(event("german", sender: Party(email: "a@example.de"), subject: "Straße gesperrt", at: 1))
            _ = try await store.accept(event("greek", sender: Party(name: "ΣΊΣΥΦΟΣ"), subject: nil, at: 2))
            _ = try await store.accept(event("decomposed", sender: Party(name: "Rene\u{301}e"), subject: "café", at: 3))
            _ = try await store.accept(event("plain", sender: Party(email: "max@example.org"), subject: "100% off", at: 4))
            func ids(_ text: String) async throws -> [String] {
                try await store.listEvents(EventQuery(text: text)).events.map(\.id.rawValue)
            }
            #expect(try await ids("иванов") == ["cyrillic"])
            #expect(try await ids("ИВАН И") == ["cyrillic"])
            #expect(try await ids("СЧЁТ") == ["cyrillic"])
            #expect(try await ids("STRASSE") == ["german"])
            #expect(try await ids("straße") == ["german"])
            #expect(try await ids("σίσυφος") == ["greek"])
            #expect(try await ids("renée") == ["decomposed"])
            #expect(try await ids("CAFE\u{301}") == ["decomposed"])
            #expect(try await ids("0%") == ["plain"])
            #expect(try await ids("0_") == [])
            // A needle never spans two fields: the address ends in "org", no subject starts with "100%" after it.
            #expect(try await ids("org100") == [])
            #expect(try await ids("org\u{1F}100") == [])
        }
    }
}
