import Foundation
import Testing
import TicketGateCore

@testable import TicketGateConsole
@testable import TicketGateServer

/// Session cookies: any instance with the same admin token accepts one, none accepts it tampered with,
/// expired, or after the token changed; a CSRF token belongs to its own session only.
@Suite struct ConsoleSessionsTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func anotherInstanceWithTheSameTokenAcceptsTheCookie() {
        let (session, cookie) = ConsoleSessions(adminToken: Secret("same-admin-token")).issue(now: now)
        let other = ConsoleSessions(adminToken: Secret("same-admin-token"))
        #expect(other.session(cookie: cookie, now: now.addingTimeInterval(60)) == session)
        #expect(other.isCSRFToken(other.csrfToken(for: session), of: session))
        #expect(ConsoleSessions(adminToken: Secret("rotated-admin-token")).session(cookie: cookie, now: now) == nil)
    }

    @Test func anExpiredOrTamperedCookieIsRefused() {
        let sessions = ConsoleSessions(adminToken: Secret("same-admin-token"))
        let (_, cookie) = sessions.issue(now: now)
        #expect(sessions.session(cookie: cookie, now: now.addingTimeInterval(8 * 3600 + 1)) == nil)
        var parts = cookie.split(separator: ".").map(String.init)
        parts[1] = String(Int64(parts[1])! + 3_600_000)
        #expect(sessions.session(cookie: parts.joined(separator: "."), now: now) == nil)
        let flipped = String(cookie.dropLast()) + (cookie.last == "0" ? "1" : "0")
        #expect(sessions.session(cookie: flipped, now: now) == nil)
        let uppercaseMAC = cookie.split(separator: ".").dropLast().joined(separator: ".") + "." + cookie.split(separator: ".").last!.uppercased()
        #expect(sessions.session(cookie: uppercaseMAC, now: now) == nil, "only the MAC as issued, in lowercase hex")
        for garbage in ["", "v1", "v1...", "v2.1.2.3", "v1.x.y.z", "v1.1.a.+f", String(repeating: "a", count: 10_000), cookie + ".extra"] {
            #expect(sessions.session(cookie: garbage, now: now) == nil, "\(garbage.prefix(20))")
        }
    }

    @Test func aCSRFTokenBelongsToItsOwnSession() {
        let sessions = ConsoleSessions(adminToken: Secret("same-admin-token"))
        let (first, _) = sessions.issue(now: now)
        let (second, _) = sessions.issue(now: now)
        #expect(first.nonce != second.nonce)
        #expect(sessions.isCSRFToken(sessions.csrfToken(for: first), of: first))
        #expect(!sessions.isCSRFToken(sessions.csrfToken(for: first), of: second))
        #expect(!sessions.isCSRFToken("", of: first))
        #expect(!sessions.isCSRFToken("zz", of: first))
    }
}
