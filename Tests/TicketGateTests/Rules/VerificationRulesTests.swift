import Testing
import TicketGateCore
import TicketGateInbound
import TicketGateRules
import TicketGateVendors

/// What the loader accepts in `verify:` and in a source's limits, and what it refuses, at its place.
@Suite struct VerificationRulesTests {
    static func errors(_ verify: String, extra: String = "") -> [String] {
        let text = "sources:\n  s:\n    kind: form\n\(extra)    verify: \(verify)\n"
        return RulesLoader(environment: [:], formats: InboundFormats.supported, vendors: VendorRegistry.profiles)
            .compile([RulesFile(path: "r.yml", contents: text)]).1
            .map(\.description)
    }

    /// `r.yml:4:<column>` of the first `token` in the line `    verify: <verify>`.
    static func place(of token: String, in verify: String) -> String {
        let line = "    verify: \(verify)"
        let column = line.distance(from: line.startIndex, to: line.range(of: token)!.lowerBound) + 1
        return "r.yml:4:\(column)"
    }

    /// (verify block, the token the problem points at, the message)
    @Test(arguments: [
        ("{ scheme: stripe, prefix: x, secrets: [a] }", "x,", "error: scheme stripe takes no 'prefix'"),
        ("{ scheme: none, secrets: [a] }", "[a]", "error: scheme none takes no 'secrets'"),
        ("{ scheme: hmac-sha256, secrets: [a] }", "{", "error: verify of source 's' needs 'header' for scheme hmac-sha256"),
        (
            "{ scheme: hmac-sha1, header: X, signed: \"{timestamp}.{body}\", secrets: [a] }", "\"{",
            "error: signed uses {timestamp}, so verify of source 's' needs 'timestamp_header'"
        ),
        (
            "{ scheme: hmac-sha1, header: X, signed: \"{timestamp}\", timestamp_header: T, secrets: [a] }", "\"{",
            "error: signed must include {body}: a signature that does not cover the body proves nothing about it"
        ),
        (
            "{ scheme: hmac-sha1, header: X, signed: \"{nonce}.{body}\", secrets: [a] }", "\"{",
            "error: signed may use {body}, {timestamp} and {id}, not {nonce}"
        ),
        ("{ scheme: hmac-sha1, header: \"X Sig\", secrets: [a] }", "\"X Sig", "error: header 'X Sig' is not a valid HTTP header name"),
        (
            "{ scheme: basic, secrets: [nopassword] }", "nopassword",
            "error: each secret of scheme basic is user:password, neither of them empty or only white space; is an environment variable set to an empty string?"
        ),
        (
            "{ scheme: standard-webhooks, secrets: [\"whsec_***\"] }", "\"whsec",
            "error: each secret of scheme standard-webhooks is whsec_ followed by base64"
        ),
        (
            "{ scheme: slack, tolerance: soon, secrets: [a] }", "soon",
            "error: tolerance must be a duration of at most 1d, such as 300s, 5m or 1h, found 'soon'"
        ),
        (
            "{ scheme: token, header: X-Key, query: key, secrets: [a] }", "key,",
            "error: scheme token reads its token from a header or a query parameter, not both"
        ),
        (
            "{ scheme: mailgun, secrets: [] }", "[]",
            "error: secrets must list at least one secret, none of them empty; is an environment variable set to an empty string?"
        ),
    ])
    func refused(verify: String, token: String, message: String) {
        #expect(Self.errors(verify) == ["\(Self.place(of: token, in: verify)): \(message)"])
    }

    @Test func unsignedTimestampHeaderIsAWarning() {
        let verify = "{ scheme: hmac-sha256, header: X, timestamp_header: T, secrets: [a] }"
        #expect(
            Self.errors(verify) == [
                "\(Self.place(of: "T,", in: verify)): warning: timestamp_header is checked for freshness, but signed does not include {timestamp}, so it is not signed"
            ])
    }

    @Test func limitsAcceptSizesWithUnitsAndKnownContentTypes() throws {
        let extra = "    max_body_bytes: 2MiB\n    max_attachments: 0\n    max_attachment_bytes: 512KB\n    content_types: [multipart/form-data]\n"
        #expect(Self.errors("{ scheme: none }", extra: extra).isEmpty)
        #expect(
            Self.errors("{ scheme: none }", extra: "    content_types: [text/plain]\n") == [
                "r.yml:4:20: error: content_types may list application/json, application/x-www-form-urlencoded, multipart/form-data, not 'text/plain'"
            ])
        #expect(
            Self.errors("{ scheme: none }", extra: "    max_body_bytes: lots\n") == [
                "r.yml:4:21: error: max_body_bytes must be a positive size of at most 256MiB, such as 10 or 25MiB, found 'lots'"
            ])
        let text = "sources:\n  s:\n    kind: email\n    format: postmark\n\(extra)    verify: { scheme: none }\n"
        let source = try #require(
            RulesLoader(environment: [:], formats: InboundFormats.supported, vendors: VendorRegistry.profiles).load([
                RulesFile(path: "r.yml", contents: text)
            ]).sources["s"])
        #expect(
            source.limits
                == SourceLimits(maxBodyBytes: 2 << 20, maxAttachments: 0, maxAttachmentBytes: 512_000, contentTypes: ["multipart/form-data"]))
    }

    @Test func emailSourcesDefaultToLargerBodies() throws {
        #expect(SourceLimits(for: .email).maxBodyBytes == 25 << 20)
        #expect(SourceLimits(for: .form).maxBodyBytes == 1 << 20)
    }
}
