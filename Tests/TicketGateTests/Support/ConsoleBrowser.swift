import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore

/// A browser's part in the console, for the in-process tests: a signed-in cookie, pages fetched with it,
/// and forms posted with the page's CSRF token as a same-origin browser sends them.
struct ConsoleBrowser {
    let client: any TestClientProtocol
    let cookie: String

    /// Signs in with `token`; throws when the console does not set a session cookie.
    static func signIn(_ client: any TestClientProtocol, token: String) async throws -> ConsoleBrowser {
        let response = try await client.post(
            "/console/login", body: "token=\(token)", contentType: "application/x-www-form-urlencoded", headers: ["Sec-Fetch-Site": "same-origin"])
        guard response.status == .seeOther, let setCookie = response.headers[.setCookie],
            let pair = setCookie.split(separator: ";").first, pair.hasPrefix("tg_console=")
        else {
            throw HarnessError("signing in answered \(response.status) without a session cookie")
        }
        return ConsoleBrowser(client: client, cookie: String(pair))
    }

    func get(_ uri: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie])
    }

    /// The page's text, after checking it answered `status`.
    func page(_ uri: String, status: HTTPResponse.Status = .ok) async throws -> String {
        let response = try await get(uri)
        guard response.status == status else { throw HarnessError("\(uri) answered \(response.status), not \(status)") }
        return String(buffer: response.body)
    }

    /// The CSRF token the forms of `uri` carry.
    func csrfToken(from uri: String) async throws -> String {
        let html = try await page(uri)
        guard let match = html.firstMatch(of: /name="csrf" value="([0-9a-f]+)"/) else { throw HarnessError("\(uri) has no CSRF token") }
        return String(match.1)
    }

    /// Posts `fields` (already encoded) with the session cookie and `headers`.
    func post(_ uri: String, _ fields: String, headers: [String: String] = ["Sec-Fetch-Site": "same-origin"]) async throws -> TestResponse {
        var all = headers
        all["Cookie"] = cookie
        return try await client.post(uri, body: fields, contentType: "application/x-www-form-urlencoded", headers: all)
    }
}
