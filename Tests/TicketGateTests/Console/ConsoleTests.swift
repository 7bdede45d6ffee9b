import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TicketGateCore

@testable import TicketGateConsole
@testable import TicketGateServer

/// The console in process, against the strict fake SPP: off without a token; a signed-out visitor sent to
/// sign-in; the session cookie's attributes; the security headers on every answer; cross-site and
/// token-less forms refused; an event's values escaped; a dead delivery retried from the console reaching
/// SPP with the console named in the audit; the playground storing nothing; hostile forms answered 4xx.
@Suite struct ConsoleTests {
    static let token = "console-test-token"
    static let form = #"{"from":"jane@example.com","full_name":"Jane Doe","topic":"Question","body":"Where is my order?"}"#

    static func gateway(_ url: String, spp: FakeSPP, adminToken: String? = token) throws -> GatewayHarness {
        try GatewayHarness(
            rules: TestRules.website(sppURL: url, token: spp.token), environment: TestRules.environment, retry: .immediate(maxAttempts: 2),
            adminToken: adminToken)
    }

    @Test func theConsoleIsOffWithoutAToken() async throws {
        let spp = FakeSPP()
        try await spp.serve { url in
            try await Self.gateway(url, spp: spp, adminToken: nil).run { client in
                let console = try await client.execute(uri: "/console", method: .get)
                let signIn = try await client.execute(uri: "/console/login", method: .get)
                #expect(console.status == .notFound)
                #expect(signIn.status == .notFound)
            }
        }
    }

    @Test func aSignedOutVisitorIsSentToSignInAndBackAfterwards() async throws {
        let spp = FakeSPP()
        try await spp.serve { url in
            try await Self.gateway(url, spp: spp).run { client in
                let page = try await client.execute(uri: "/console/events?status=dead", method: .get)
                #expect(page.status == .seeOther)
                #expect(page.headers[.location] == "/console/login?next=%2Fconsole%2Fevents%3Fstatus%3Ddead")
                // An action without a session does nothing and also goes to sign-in.
                let action = try await client.post(
                    "/console/destinations/spp/pause", body: "csrf=x", contentType: "application/x-www-form-urlencoded",
                    headers: ["Sec-Fetch-Site": "same-origin"])
                #expect(action.status == .seeOther)
                #expect(action.headers[.location] == "/console/login")
                // Signing in with the page to come back to; an address off the console is not followed.
                let signIn = try await client.post(
                    "/console/login", body: "token=\(Self.token)&next=%2Fconsole%2Fevents%3Fstatus%3Ddead",
                    contentType: "application/x-www-form-urlencoded")
                #expect(signIn.headers[.location] == "/console/events?status=dead")
                for next in ["https%3A%2F%2Fevil.example%2F", "%2F%2Fevil.example", "%2Fconsole%2F..%2F%2Fevil", "%2Fadmin%2Fevents"] {
                    let elsewhere = try await client.post(
                        "/console/login", body: "token=\(Self.token)&next=\(next)", contentType: "application/x-www-form-urlencoded")
                    #expect(elsewhere.headers[.location] == "/console", "\(next)")
                }
                let destinations = try await client.admin("/admin/destinations", token: Self.token).decode(DestinationList.self)
                #expect(destinations.destinations.allSatisfy { $0.paused == nil })
            }
        }
    }

    @Test func signingInSetsAStrictHttpOnlyCookieAndAWrongTokenSetsNone() async throws {
        let spp = FakeSPP()
        try await spp.serve { url in
            var gateway = try Self.gateway(url, spp: spp)
            gateway.configuration.trustedProxies = try TrustedProxies(parsing: "127.0.0.1/32")
            try await gateway.run { client in
                let wrong = try await client.post("/console/login", body: "token=not-the-token", contentType: "application/x-www-form-urlencoded")
                #expect(wrong.status == .unauthorized)
                #expect(wrong.headers[.setCookie] == nil)
                #expect(String(buffer: wrong.body).contains("That is not the admin token."))

                let right = try await client.post("/console/login", body: "token=\(Self.token)", contentType: "application/x-www-form-urlencoded")
                let cookie = try #require(right.headers[.setCookie])
                let attributes = Set(cookie.split(separator: ";").dropFirst().map { $0.trimmingCharacters(in: .whitespaces) })
                #expect(attributes.isSuperset(of: ["HttpOnly", "SameSite=Strict", "Path=/console", "Max-Age=28800"]))
                #expect(!attributes.contains("Secure"))

                let overHTTPS = try await client.post(
                    "/console/login", body: "token=\(Self.token)", contentType: "application/x-www-form-urlencoded",
                    headers: ["X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"])
                #expect(overHTTPS.headers[.setCookie]?.contains("; Secure") == true)

                // The cookie works; signing out clears it.
                let browser = try await ConsoleBrowser.signIn(client, token: Self.token)
                #expect(try await browser.get("/console").status == .ok)
                let csrf = try await browser.csrfToken(from: "/console")
                let out = try await browser.post("/console/logout", "csrf=\(csrf)")
                #expect(out.status == .seeOther)
                #expect(out.headers[.setCookie]?.hasPrefix("tg_console=;") == true)
                #expect(out.headers[.setCookie]?.contains("Max-Age=0") == true)
            }
        }
    }

    @Test func everyConsoleAnswerCarriesTheSecurityHeaders() async throws {
        let spp = FakeSPP()
        try await spp.serve { url in
            try await Self.gateway(url, spp: spp).run { client in
                let browser = try await ConsoleBrowser.signIn(client, token: Self.token)
                let id = try #require(try await client.postHook(body: Self.form).eventID)
                let pages = [
                    "/console", "/console/events", "/console/events/\(id.rawValue)", "/console/events/unknown", "/console/dead-letters",
                    "/console/destinations", "/console/rules", "/console/login", "/console/assets/console.js",
                ]
                for uri in pages {
                    let response = try await browser.get(uri)
                    #expect(response.status.code < 500, "\(uri)")
                    #expect(response.headers[.contentSecurityPolicy]?.hasPrefix("default-src 'self';") == true, "\(uri)")
                    #expect(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true, "\(uri)")
                    #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff", "\(uri)")
                    #expect(response.headers[.cacheControl] == "no-store", "\(uri)")
                }
                let signedOut = try await client.execute(uri: "/console", method: .get)
                #expect(signedOut.headers[.contentSecurityPolicy] != nil)
            }
        }
    }

    @Test func crossSiteAndTokenlessFormsAreRefused() async throws {
        let spp = FakeSPP()
        try await spp.serve { url in
            try await Self.gateway(url, spp: spp).run { client in
                let browser = try await ConsoleBrowser.signIn(client, token: Self.token)
                let csrf = try await browser.csrfToken(from: "/console/destinations")
                let refusals: [(String, [String: String])] = [
                    ("csrf=\(csrf)", ["Sec-Fetch-Site": "cross-site"]),
                    ("csrf=\(csrf)", ["Sec-Fetch-Site": "same-site"]),
                    ("csrf=\(csrf)", ["Origin": "https://evil.example"]),
                    ("csrf=0000", ["Sec-Fetch-Site": "same-origin"]),
                    ("back=%2Fconsole", ["Sec-Fetch-Site": "same-origin"]),
                ]
                for (fields, headers) in refusals {
                    let response = try await browser.post("/console/destinations/spp/pause", fields, headers: headers)
                    #expect(response.status == .forbidden, "\(fields) \(headers)")
                }
                let other = try await ConsoleBrowser.signIn(client, token: Self.token)
                #expect(try await other.post("/console/destinations/spp/pause", "csrf=\(csrf)").status == .forbidden)
                #expect(
                    try await client.admin("/admin/destinations", token: Self.token).decode(DestinationList.self).destinations.allSatisfy {
                        $0.paused == nil
                    })

                let paused = try await browser.post("/console/destinations/spp/pause", "csrf=\(csrf)&back=%2Fconsole%2Fdestinations")
                #expect(paused.status == .seeOther)
                #expect(paused.headers[.location] == "/console/destinations?done=paused&n=0")
                #expect(
                    try await client.admin("/admin/destinations", token: Self.token).decode(DestinationList.self).destinations.first?.paused?.reason
                        == "operator")
                #expect(try await browser.page("/console/destinations?done=paused&n=0").contains("Paused. Deliveries wait"))
                let resumed = try await browser.post("/console/destinations/spp/resume", "csrf=\(csrf)", headers: ["Origin": "http://localhost:\(0)"])
                #expect(resumed.status == .forbidden)
                #expect(try await browser.post("/console/destinations/spp/resume", "csrf=\(csrf)").status == .seeOther)
                #expect(
                    try await client.admin("/admin/destinations", token: Self.token).decode(DestinationList.self).destinations.first?.paused == nil)
            }
        }
    }

    @Test func anEventsValuesAreEscapedEverywhereTheyAppear() async throws {
        let spp = FakeSPP()
        let attack = #"<img src=x onerror=alert(1)>"#
        let body =
            #"{"from":"jane@example.com","full_name":"\"><script>alert(2)</script>","topic":"<img src=x onerror=alert(1)>","body":"'; alert(3); '"}"#
        try await spp.serve { url in
            try await Self.gateway(url, spp: spp).run { client in
                let browser = try await ConsoleBrowser.signIn(client, token: Self.token)
                let id = try #require(try await client.postHook(body: body).eventID)
                for uri in ["/console/events", "/console/events/\(id.rawValue)", "/console/events?text=%3Cimg"] {
                    let html = try await browser.page(uri)
                    #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"), "\(uri)")
                    #expect(!html.contains(attack), "\(uri)")
                    #expect(!html.contains("<script>alert(2)"), "\(uri)")
                }
                let filtered = try await browser.page("/console/events?text=%22%3E%3Cscript%3E")
                #expect(filtered.contains(#"value="&quot;&gt;&lt;script&gt;""#))
                #expect(!filtered.contains(#""><script>"#))
            }
        }
    }

    @Test func aDeadDeliveryRetriedFromTheConsoleReachesTheVendorAndTheAuditSaysSo() async throws {
        let spp = FakeSPP()
        for _ in 0..<2 {
            spp.script("POST", "/api/tickets", .init(status: 502, body: "Bad Gateway"))
        }
        try await spp.serve { url in
            let gateway = try Self.gateway(url, spp: spp)
            try await gateway.run { client in
                let browser = try await ConsoleBrowser.signIn(client, token: Self.token)
                let id = try #require(try await client.postHook(body: Self.form).eventID)
                let dead = try #require(try await gateway.finalDeliveries(of: id).first)
                #expect(dead.status == .dead)

                let letters = try await browser.page("/console/dead-letters")
                #expect(letters.contains("/console/deliveries/\(dead.id)/retry"))
                #expect(letters.contains("server_error"))
                // Retrying all of SPP first asks, saying how many.
                let csrf = try await browser.csrfToken(from: "/console/dead-letters")
                let question = try await browser.post("/console/destinations/spp/retry", "csrf=\(csrf)")
                #expect(question.status == .ok)
                #expect(String(buffer: question.body).contains("1 failed or dead delivery to spp will go back in the outbox"))
                #expect(try await gateway.store.report(for: id)?.deliveries.first?.status == .dead)

                let retried = try await browser.post("/console/deliveries/\(dead.id)/retry", "csrf=\(csrf)&back=%2Fconsole%2Fdead-letters")
                #expect(retried.headers[.location] == "/console/dead-letters?done=requeued&n=1")
                #expect(try await gateway.delivery(of: id) { $0.status == .delivered }.id == dead.id)
                let report = try #require(try await gateway.store.report(for: id))
                #expect(report.audit.contains { $0.record.stage == .requeued && $0.record.summary.contains("from the console") })

                let page = try await browser.page("/console/events/\(id.rawValue)")
                #expect(page.contains("POST /api/tickets"))
                #expect(page.contains("502"))
                #expect(page.contains("put back in the outbox by an operator from the console"))
            }
            #expect(spp.tickets.count == 1)
        }
    }

    @Test func aReplayFromTheConsoleIsRefusedWhileTheTicketExistsUnlessForced() async throws {
        let spp = FakeSPP()
        try await spp.serve { url in
            let gateway = try Self.gateway(url, spp: spp)
            try await gateway.run { client in
                let browser = try await ConsoleBrowser.signIn(client, token: Self.token)
                let id = try #require(try await client.postHook(body: Self.form).eventID)
                #expect(try await gateway.finalDeliveries(of: id).map(\.status) == [.delivered])
                let page = "/console/events/\(id.rawValue)"
                let csrf = try await browser.csrfToken(from: page)
                let refused = try await browser.post(page + "/replay", "csrf=\(csrf)&back=\(PercentEncoding.component(page))")
                #expect(refused.headers[.location] == page + "?done=replay-skipped&n=0")
                let forced = try await browser.post(page + "/replay", "csrf=\(csrf)&force=true&back=\(PercentEncoding.component(page))")
                #expect(forced.headers[.location] == page + "?done=replayed&n=1")
                #expect(try await browser.page(page + "?done=replayed&n=1").contains("1 new delivery queued"))
                let deliveries = try await gateway.finalDeliveries(of: id)
                #expect(deliveries.map(\.status) == [.delivered, .delivered])
                let audit = try await gateway.report(id).audit.map(\.record)
                #expect(
                    audit.filter { $0.stage == .replayed }.map(\.summary).map { $0.hasPrefix("replayed (forced) from the console") } == [false, true])
                #expect(audit.filter { $0.stage == .replayed }.allSatisfy { $0.detail["via"] == .string("console") })
            }
            #expect(spp.tickets.count == 2)
        }
    }

    /// A session cookie one instance set is accepted by another with the same admin token.
    @Test func anotherInstanceAcceptsTheSession() async throws {
        let spp = FakeSPP()
        try await spp.serve { url in
            let cookie = try await Self.gateway(url, spp: spp).run { client in try await ConsoleBrowser.signIn(client, token: Self.token).cookie }
            try await Self.gateway(url, spp: spp).run { client in
                let response = try await client.execute(uri: "/console/destinations", method: .get, headers: [.cookie: cookie])
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("<h1>Destinations</h1>"))
            }
            try await Self.gateway(url, spp: spp, adminToken: "another-console-token").run { client in
                let response = try await client.execute(uri: "/console/destinations", method: .get, headers: [.cookie: cookie])
                #expect(response.status == .seeOther)
            }
        }
    }

    /// Signing out ends the session, not only the browser's copy of its cookie: the same cookie sent again (copied
    /// before, or from another instance: sign-outs are kept in the store) is sent to sign-in.
    @Test func aSessionSignedOutIsRefusedEvenWithACopyOfItsCookie() async throws {
        let spp = FakeSPP()
        try await spp.serve { url in
            try await Self.gateway(url, spp: spp).run { client in
                let browser = try await ConsoleBrowser.signIn(client, token: Self.token)
                let other = try await ConsoleBrowser.signIn(client, token: Self.token)
                let csrf = try await browser.csrfToken(from: "/console/destinations")
                #expect(try await browser.post("/console/logout", "csrf=\(csrf)").status == .seeOther)
                let copied = try await client.execute(uri: "/console/destinations", method: .get, headers: [.cookie: browser.cookie])
                #expect(copied.status == .seeOther)
                #expect(copied.headers[.location]?.hasPrefix("/console/login") == true)
                // Another session of the same token stays signed in.
                #expect(try await other.page("/console/destinations").contains("<h1>Destinations</h1>"))
            }
        }
    }

    @Test func thePlaygroundExplainsAndStoresNothing() async throws {
        let spp = FakeSPP()
        try await spp.serve { url in
            let gateway = try Self.gateway(url, spp: spp)
            try await gateway.run { client in
                let browser = try await ConsoleBrowser.signIn(client, token: Self.token)
                let csrf = try await browser.csrfToken(from: "/console/rules")
                let payload = PercentEncoding.component(#"{"from":"ann@example.com","topic":"<b>Refund</b>","body":"Hi"}"#)
                let response = try await browser.post("/console/rules/playground", "csrf=\(csrf)&source=website&payload=\(payload)")
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("ann@example.com"))
                #expect(html.contains("&lt;b&gt;Refund&lt;/b&gt;"))
                #expect(html.contains("decision"))
                let unknown = try await browser.post("/console/rules/playground", "csrf=\(csrf)&source=nope&payload=x")
                #expect(String(buffer: unknown.body).contains("refused: the rules define no source with that name"))
                #expect(try await gateway.store.counts() == StoreCounts(events: 0, deliveries: 0, auditRecords: 0))
            }
            #expect(spp.requests.isEmpty)
        }
    }

    @Test func hostileFormsAreAnswered4xx() async throws {
        let spp = FakeSPP()
        try await spp.serve { url in
            try await Self.gateway(url, spp: spp).run { client in
                let browser = try await ConsoleBrowser.signIn(client, token: Self.token)
                let csrf = try await browser.csrfToken(from: "/console")
                let huge = String(repeating: "a", count: 64 << 10)
                let cases: [(String, String, HTTPResponse.Status)] = [
                    ("/console/login", "token=\(huge)", .contentTooLarge),
                    ("/console/destinations/spp/pause", "csrf=\(csrf)&back=\(huge)", .contentTooLarge),
                    ("/console/destinations/spp/retry", "csrf=\(csrf)&confirmed=99999999999999999999999", .badRequest),
                    ("/console/destinations/spp/pause", "csrf=%ZZ", .badRequest),
                    ("/console/deliveries/abc/retry", "csrf=\(csrf)", .notFound),
                    ("/console/deliveries/99999999999999999999/retry", "csrf=\(csrf)", .notFound),
                    ("/console/destinations/nope/pause", "csrf=\(csrf)", .notFound),
                    ("/console/events/x%00y/replay", "csrf=\(csrf)", .notFound),
                ]
                for (uri, fields, status) in cases {
                    #expect(try await browser.post(uri, fields).status == status, "\(uri)")
                }
                let json = try await client.post(
                    "/console/destinations/spp/pause", body: "{}", contentType: "application/json",
                    headers: ["Cookie": browser.cookie, "Sec-Fetch-Site": "same-origin"])
                #expect(json.status == .unsupportedMediaType)
                for uri in ["/console/events?since=yesterday", "/console/events?cursor=garbage", "/console/events?text=a%00b"] {
                    #expect(try await browser.get(uri).status == .badRequest, "\(uri)")
                }
            }
        }
    }
}
