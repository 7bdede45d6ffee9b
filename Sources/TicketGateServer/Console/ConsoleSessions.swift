import Crypto
import Foundation
import TicketGateCore

/// A signed-in console session: who holds the cookie may use the console until `expiresAt`.
struct ConsoleSession: Sendable, Equatable {
    var expiresAt: Date
    /// Random, per sign-in: what the session's CSRF token is derived from.
    var nonce: String
}

/// Issues and checks the console's session cookies. A cookie is `v1.<expiry ms>.<nonce>.<MAC>`, the MAC an
/// HMAC-SHA256 under a key derived from the admin token: every instance with the same token accepts it
/// without a shared session table, and changing the token signs everyone out. Each session's CSRF token is
/// an HMAC of its nonce under the same key.
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
        AdminToken.matches(presented, adminToken)
    }

    /// A new session, and its cookie value.
    func issue(now: Date) -> (session: ConsoleSession, cookie: String) {
        let expires = EpochMilliseconds.of(now) + EpochMilliseconds.of(Self.lifetime)
        let nonce = SymmetricKey(size: .bits128).withUnsafeBytes { Data($0) }.hexEncoded
        let payload = "v1.\(expires).\(nonce)"
        let session = ConsoleSession(expiresAt: EpochMilliseconds.date(expires), nonce: nonce)
        return (session, payload + "." + mac(payload).hexEncoded)
    }

    /// The session `cookie` stands for, when it is one this key signed and it has not expired.
    func session(cookie: String, now: Date) -> ConsoleSession? {
        guard cookie.utf8.count <= Self.maximumCookieLength else { return nil }
        let parts = cookie.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "v1", let expires = Int64(parts[1]), let presented = Data(hex: parts[3]) else { return nil }
        let payload = parts[0..<3].joined(separator: ".")
        guard HMAC<SHA256>.isValidAuthenticationCode(presented, authenticating: Data(payload.utf8), using: key) else { return nil }
        let session = ConsoleSession(expiresAt: EpochMilliseconds.date(expires), nonce: String(parts[2]))
        return session.expiresAt > now ? session : nil
    }

    /// The token every state-changing form of `session` carries.
    func csrfToken(for session: ConsoleSession) -> String {
        mac("csrf.\(session.nonce)").hexEncoded
    }

    /// Whether `presented` is `session`'s CSRF token, compared in constant time.
    func isCSRFToken(_ presented: String, of session: ConsoleSession) -> Bool {
        guard let data = Data(hex: Substring(presented)) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(data, authenticating: Data("csrf.\(session.nonce)".utf8), using: key)
    }

    private func mac(_ text: String) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: key))
    }
}

extension Data {
    fileprivate var hexEncoded: String {
        map { String(format: "%02x", $0) }.joined()
    }

    /// Lower- or upper-case hex digits, two per byte; `nil` for anything else.
    fileprivate init?(hex: Substring) {
        let isHexDigit = { (byte: UInt8) in (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte) }
        guard hex.utf8.count.isMultiple(of: 2), hex.utf8.count <= 128, hex.utf8.allSatisfy(isHexDigit) else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(hex.utf8.count / 2)
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        self.init(bytes)
    }
}
