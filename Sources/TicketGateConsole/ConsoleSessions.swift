import Crypto
import Foundation
import TicketGateCore

/// A signed-in console session: who holds the cookie may use the console until `expiresAt`.
package struct ConsoleSession: Sendable, Equatable {
    package var expiresAt: Date
    /// Random, per sign-in: what the session's CSRF token is derived from.
    package var nonce: String
}

/// Issues and checks the console's session cookies. A cookie is `v1.<expiry ms>.<nonce>.<MAC>`, the MAC an
/// HMAC-SHA256 under a key derived from the admin token: every instance with the same token accepts it
/// without a shared session table, and changing the token signs everyone out. Each session's CSRF token is
/// an HMAC of its nonce under the same key. MACs travel as lowercase hex and are compared as text.
struct ConsoleSessions: Sendable {
    static let cookieName = "tg_console"
    static let lifetime = Duration.seconds(8 * 3600)
    /// The longest cookie value looked at; a real one is about 130 characters.
    private static let maximumCookieLength = 256

    private let key: SymmetricKey
    private let adminToken: Secret

    init(adminToken: Secret) {
        self.adminToken = adminToken
        let derived = HMAC<SHA256>.authenticationCode(
            for: Data("ticketgate console session".utf8), using: SymmetricKey(data: Data(adminToken.value.utf8)))
        key = SymmetricKey(data: Data(derived))
    }

    /// Whether `presented` is the admin token: who presents it may sign in.
    func isAdminToken(_ presented: String) -> Bool {
        ConstantTimeText.equal(presented, adminToken.value)
    }

    /// A new session, and its cookie value.
    func issue(now: Date) -> (session: ConsoleSession, cookie: String) {
        let expires = EpochMilliseconds.of(now) + EpochMilliseconds.of(Self.lifetime)
        let nonce = SymmetricKey(size: .bits128).withUnsafeBytes { Data($0) }.map { String(format: "%02x", $0) }.joined()
        let payload = "v1.\(expires).\(nonce)"
        let session = ConsoleSession(expiresAt: EpochMilliseconds.date(expires), nonce: nonce)
        return (session, payload + "." + mac(payload))
    }

    /// The session `cookie` stands for, when it is one this key signed and it has not expired.
    func session(cookie: String, now: Date) -> ConsoleSession? {
        guard cookie.utf8.count <= Self.maximumCookieLength else { return nil }
        let parts = cookie.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "v1", let expires = Int64(parts[1]) else { return nil }
        let payload = parts[0..<3].joined(separator: ".")
        guard ConstantTimeText.equal(parts[3], mac(payload)) else { return nil }
        let session = ConsoleSession(expiresAt: EpochMilliseconds.date(expires), nonce: String(parts[2]))
        return session.expiresAt > now ? session : nil
    }

    /// The token every state-changing form of `session` carries.
    func csrfToken(for session: ConsoleSession) -> String {
        mac("csrf.\(session.nonce)")
    }

    /// Whether `presented` is `session`'s CSRF token, compared in constant time.
    func isCSRFToken(_ presented: String, of session: ConsoleSession) -> Bool {
        ConstantTimeText.equal(presented, csrfToken(for: session))
    }

    /// The HMAC of `text`, in lowercase hex.
    private func mac(_ text: String) -> String {
        HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: key).map { String(format: "%02x", $0) }.joined()
    }
}
