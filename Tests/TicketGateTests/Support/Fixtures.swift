import Foundation

/// The provider payloads in `Tests/Fixtures/`.
enum Fixtures {
    static let boundary = "ticketgate-fixture-boundary"
    static let directory = PackagePaths.root.appendingPathComponent("Tests/Fixtures")

    /// A fixture's text. Multipart fixtures are kept with plain line ends and sent with CRLF, as HTTP requires.
    static func text(_ name: String) throws -> String {
        let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        return name.hasSuffix(".multipart") ? text.replacingOccurrences(of: "\n", with: "\r\n") : text
    }

    static var sources: String {
        get throws { try text("sources.yml") }
    }

    static let multipartType = "multipart/form-data; boundary=\(boundary)"

    /// The secrets `sources.yml` reads from the environment.
    static let environment: [String: String] = [
        "WEBSITE_SECRET": "website-secret", "TYPEFORM_SECRET": "typeform-secret", "TALLY_SECRET": "tally-secret",
        "WEBFLOW_SECRET": "webflow-secret", "JOTFORM_TOKEN": "jotform-token",
        "CHAT_SECRET": "whsec_" + Data("chat-relay-secret-bytes".utf8).base64EncodedString(),
        "INTERCOM_CLIENT_SECRET": "intercom-secret", "CRISP_SECRET": "crisp-secret", "TAWKTO_SECRET": "tawkto-secret",
        "SUNSHINE_WEBHOOK_SECRET": "sunshine-secret", "MAILGUN_SIGNING_KEY": "key-mailgun-signing", "SENDGRID_PASSWORD": "sendgrid-pass",
        "POSTMARK_PASSWORD": "postmark-pass",
    ]
}
