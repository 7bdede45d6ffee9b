import Foundation
import Testing
import TicketGateCore
import TicketGateInbound
import TicketGateRules
import TicketGateVendors

/// Every operator and combinator, one table row per case, with the edge cases the README documents: a missing
/// field matches nothing but `exists: false`; text compares ignore case and treat canonically equivalent
/// Unicode as equal; business hours follow the time zone, across midnight and daylight saving time.
@Suite struct OperatorTests {
    /// Whether `when` holds for `event`, checking that the request path's compiled program and `explain`'s
    /// condition-by-condition evaluation agree.
    static func holds(_ when: String, _ event: InboundEvent) throws -> Bool {
        let rules =
            header + """
                  - name: r
                    when: \(when)
                    set: { tags: [hit] }
                """
        let ruleSet = try RulesLoader(environment: [:], formats: InboundFormats.supported, vendors: VendorRegistry.profiles).load([
            RulesFile(path: "r.yml", contents: rules)
        ])
        let compiled = ruleSet.decide(event, trace: .matches).matchedRules == ["r"]
        let explained = ruleSet.decide(event, trace: .full).matchedRules == ["r"]
        #expect(compiled == explained, "the compiled program and explain disagree on \(when)")
        return compiled
    }

    /// A source, a destination and a default: what a rules file needs before its `rules:` entries.
    static let header = """
        sources:
          web: { kind: form, verify: { scheme: none } }
        destinations:
          spp: { vendor: spp, url: "https://a.example" }
        defaults: { destination: spp }
        rules:

        """

    static func event(
        email: String? = "Jane.Doe@Example.COM",
        subject: String? = "Refund for Invoice #1042",
        body: String? = "Please help",
        fields: [String: String] = ["plan": "Enterprise", "seats": "12", "empty": ""],
        clientIP: String? = "203.0.113.7",
        at date: Date = Date(timeIntervalSince1970: 1_795_255_200),  // 2026-11-21T10:00:00Z, a Saturday
        attachments: Int = 0
    ) -> InboundEvent {
        InboundEvent(
            id: EventID(rawValue: "e"), source: "web", kind: .form, format: "generic", receivedAt: date,
            sender: Party(email: email, name: "Jane"), subject: subject, text: body,
            fields: fields.sorted { $0.key < $1.key }.map { FormField(name: $0.key, value: $0.value) },
            headers: ["x-priority": "High"], clientIP: clientIP,
            attachments: (0..<attachments).map { Attachment(name: "f\($0)", contentType: "text/plain", size: 1) }
        )
    }

    static let base = event()

    @Test(arguments: [
        // equality and in
        (#"{ subject: "refund for invoice #1042" }"#, true),
        (#"{ subject: refund }"#, false),
        (#"{ fields.plan: { equals: ENTERPRISE } }"#, true),
        (#"{ fields.plan: { in: [pro, enterprise] } }"#, true),
        (#"{ fields.plan: { in: [pro, team] } }"#, false),
        (#"{ source: { in: [web] } }"#, true),
        // contains, starts_with, ends_with
        (#"{ subject: { contains: invoice } }"#, true),
        (##"{ subject: { contains: [outage, "#1042"] } }"##, true),
        (#"{ subject: { contains: [outage, urgent] } }"#, false),
        // every pair of letters is in the subject, but not in this order: the search, not the prefilter, decides
        (#"{ subject: { contains: "invoice for" } }"#, false),
        (#"{ subject: { contains: "e #10" } }"#, true),
        (#"{ subject: { starts_with: REFUND } }"#, true),
        (#"{ subject: { starts_with: [invoice] } }"#, false),
        (##"{ subject: { ends_with: ["#1042"] } }"##, true),
        // domain
        (#"{ sender.email: { domain: example.com } }"#, true),
        (#"{ sender.email: { domain: "@EXAMPLE.com" } }"#, true),
        (#"{ sender.email: { domain: ample.com } }"#, false),
        (#"{ sender.domain: { domain: com } }"#, true),
        // matches
        (##"{ subject: { matches: "#\\d{4}$" } }"##, true),
        (#"{ subject: { matches: "^refund" } }"#, false),
        (#"{ subject: { matches: "(?i)^refund" } }"#, true),
        // exists
        (#"{ fields.plan: { exists: true } }"#, true),
        (#"{ fields.empty: { exists: true } }"#, false),
        (#"{ fields.empty: { exists: false } }"#, true),
        (#"{ fields.missing: { exists: false } }"#, true),
        // comparisons
        (#"{ fields.seats: { gt: 10 } }"#, true),
        (#"{ fields.seats: { gte: 12, lte: 12 } }"#, true),
        (#"{ fields.seats: { lt: 12 } }"#, false),
        (#"{ fields.plan: { gt: 1 } }"#, false),
        (#"{ attachments.count: { gt: 0 } }"#, false),
        (#"{ received_at: { gte: "2026-11-21T10:00:00Z" } }"#, true),
        (#"{ received_at: { lt: "2026-11-21T10:00:00Z" } }"#, false),
        // cidr
        (#"{ client.ip: { cidr: 203.0.113.0/24 } }"#, true),
        (#"{ client.ip: { cidr: [10.0.0.0/8, 203.0.113.8/29] } }"#, false),
        (#"{ client.ip: { cidr: 203.0.113.7 } }"#, true),
        (#"{ client.ip: { cidr: "2001:db8::/32" } }"#, false),
        // headers and combinators
        (#"{ headers.X-Priority: high }"#, true),
        (#"{ all: [ { fields.plan: enterprise }, { subject: { contains: refund } } ] }"#, true),
        (#"{ all: [ { fields.plan: enterprise }, { subject: { contains: outage } } ] }"#, false),
        (#"{ any: [ { fields.plan: pro }, { subject: { contains: refund } } ] }"#, true),
        (#"{ any: [ { fields.plan: pro }, { subject: { contains: outage } } ] }"#, false),
        (#"{ not: { fields.plan: pro } }"#, true),
        (#"{ not: { any: [ { fields.plan: enterprise }, { body: nothing } ] } }"#, false),
        (#"{ all: [] }"#, true),
        (#"{ any: [] }"#, false),
        (#"{ fields.plan: enterprise, subject: { contains: outage } }"#, false),
    ])
    func operatorsAgainstOneEvent(when: String, expected: Bool) throws {
        #expect(try Self.holds(when, Self.base) == expected, "\(when)")
    }

    @Test(arguments: [
        #"{ fields.missing: x }"#, #"{ fields.missing: { in: [x] } }"#, #"{ fields.missing: { contains: x } }"#,
        #"{ fields.missing: { starts_with: x } }"#, #"{ fields.missing: { ends_with: x } }"#, #"{ fields.missing: { domain: x.com } }"#,
        #"{ fields.missing: { matches: ".*" } }"#, #"{ fields.missing: { exists: true } }"#, #"{ fields.missing: { gt: -1 } }"#,
        #"{ fields.missing: { lt: 1 } }"#, #"{ fields.missing: { cidr: 0.0.0.0/0 } }"#, #"{ fields.missing: { within: { days: [mon-sun] } } }"#,
    ])
    func aMissingFieldMatchesNothing(when: String) throws {
        #expect(try Self.holds(when, Self.base) == false)
        #expect(try Self.holds("{ not: \(when) }", Self.base) == true)
    }

    @Test func unicodeComparesByCanonicalEquivalenceAndCase() throws {
        let composed = Self.event(subject: "Réclamation ÉTÉ", fields: ["ville": "Zürich"])
        #expect(try Self.holds(#"{ subject: "réclamation été" }"#, composed))
        #expect(try Self.holds("{ subject: { contains: \"e\u{301}te\u{301}\" } }", composed))
        #expect(try Self.holds(#"{ fields.ville: { starts_with: ZÜR } }"#, composed))
        #expect(try Self.holds(#"{ subject: { matches: "^Réclamation" } }"#, composed))
        #expect(try !Self.holds(#"{ subject: { matches: "^réclamation" } }"#, composed))
    }

    @Test func patternsReadAtMostTenThousandCharacters() throws {
        let long = Self.event(body: String(repeating: "a", count: 10_000) + "needle")
        #expect(try !Self.holds(#"{ body: { matches: "needle" } }"#, long))
        #expect(try Self.holds(#"{ body: { contains: needle } }"#, long))
    }

    /// Moments around the edges of weekday business hours in Amsterdam.
    @Test(arguments: [
        ("2026-11-23T07:59:00Z", false),  // Monday 08:59 CET: before opening
        ("2026-11-23T08:00:00Z", true),  // Monday 09:00 CET: opening, included
        ("2026-11-23T16:29:00Z", true),  // Monday 17:29 CET
        ("2026-11-23T16:30:00Z", false),  // Monday 17:30 CET: closing, excluded
        ("2026-11-21T10:00:00Z", false),  // Saturday
        ("2026-11-22T23:30:00Z", true),  // Sunday 23:30 UTC is Monday 00:30 in Amsterdam, inside 00:00-01:00
        ("2026-03-30T07:00:00Z", true),  // Monday after the spring change: 09:00 CEST
        ("2026-03-30T06:59:00Z", false),  // 08:59 CEST
    ])
    func businessHoursFollowTheTimeZone(moment: String, expected: Bool) throws {
        let when = #"{ received_at: { within: { days: [mon-fri], hours: ["00:00-01:00", "09:00-17:30"], time_zone: Europe/Amsterdam } } }"#
        let date = try #require(try? Date(moment, strategy: .iso8601))
        #expect(try Self.holds(when, Self.event(at: date)) == expected, "\(moment)")
    }

    @Test(arguments: [
        ("2026-11-23T21:59:00Z", false), ("2026-11-23T22:00:00Z", true), ("2026-11-24T05:59:00Z", true), ("2026-11-24T06:00:00Z", false),
    ])
    func overnightHoursCrossMidnight(moment: String, expected: Bool) throws {
        let when = #"{ received_at: { within: { hours: "22:00-06:00", time_zone: UTC } } }"#
        let date = try #require(try? Date(moment, strategy: .iso8601))
        #expect(try Self.holds(when, Self.event(at: date)) == expected, "\(moment)")
    }

    @Test func weekendRangeWrapsAroundTheWeek() throws {
        let when = #"{ received_at: { within: { days: [fri-mon], time_zone: UTC } } }"#
        let saturday = Date(timeIntervalSince1970: 1_795_255_200)
        #expect(try Self.holds(when, Self.event(at: saturday)))
        #expect(try !Self.holds(when, Self.event(at: saturday.addingTimeInterval(3 * 86_400))))  // Tuesday
    }

    @Test func ipv6Networks() throws {
        let event = Self.event(clientIP: "2001:db8:85a3::8a2e:370:7334")
        #expect(try Self.holds(#"{ client.ip: { cidr: "2001:db8::/32" } }"#, event))
        #expect(try !Self.holds(#"{ client.ip: { cidr: "2001:db9::/32" } }"#, event))
        #expect(try !Self.holds(#"{ client.ip: { cidr: 0.0.0.0/0 } }"#, event))
    }

    @Test func attachmentCountAndTranscriptAreFields() throws {
        #expect(try Self.holds(#"{ attachments.count: { gte: 2 } }"#, Self.event(attachments: 2)))
        var chat = Self.base
        chat.transcript = ChatTranscript(turns: [ChatTurn(role: .agent, name: "Sam", text: "We refunded you")])
        #expect(try Self.holds(#"{ transcript: { contains: "sam (agent): we refunded" } }"#, chat))
    }
}
