import Foundation
import TicketGateCore

/// Parses a source's `verify:` block. Each scheme takes only the keys that mean something for it.
struct VerificationParser {
    typealias Scheme = VerificationSettings.Scheme

    let values: ValueReader

    /// The widest window a signed timestamp may be checked against: wider, and replay protection means little.
    static let maximumTolerance = Duration.seconds(86_400)

    private static let hmacKeys = [
        "header", "encoding", "prefix", "signed", "timestamp_header", "timestamp_unit", "id_header", "tolerance", "secrets",
    ]

    /// The keys each scheme accepts besides `scheme`.
    static let keysByScheme: [Scheme: [String]] = [
        .hmacSHA256: hmacKeys, .hmacSHA1: hmacKeys, .hmacSHA512: hmacKeys,
        .standardWebhooks: ["tolerance", "secrets"],
        .stripe: ["header", "tolerance", "secrets"],
        .slack: ["tolerance", "secrets"],
        .mailgun: ["tolerance", "secrets"],
        .typeform: ["header", "secrets"],
        .webflow: ["tolerance", "secrets"],
        .basic: ["secrets"],
        .token: ["header", "prefix", "query", "secrets"],
        .none: [],
    ]

    static let allKeys = ["scheme"] + Array(Set(keysByScheme.values.joined())).sorted()

    func parse(_ node: ConfigNode, source: String, diagnostics: inout Diagnostics) -> VerificationSettings? {
        let what = "verify of source '\(source)'"
        guard let map = MappingReader(node, what: what, allowed: Self.allKeys, diagnostics: &diagnostics),
            let schemeNode = map.required("scheme", what: what, diagnostics: &diagnostics),
            let scheme = values.choice(schemeNode, what: "scheme", as: Scheme.self, diagnostics: &diagnostics)
        else { return nil }
        let allowed = Self.keysByScheme[scheme] ?? []
        var valid = true
        for key in Self.allKeys where key != "scheme" && !allowed.contains(key) {
            if let extra = map[key] {
                diagnostics.error("scheme \(scheme.rawValue) takes no '\(key)'", at: extra)
                valid = false
            }
        }
        var settings = VerificationSettings(scheme: scheme)
        valid = parseHeaders(map, into: &settings, diagnostics: &diagnostics) && valid
        valid = parseTiming(map, into: &settings, diagnostics: &diagnostics) && valid
        if scheme != .none {
            if let secrets = map.required("secrets", what: what, diagnostics: &diagnostics).flatMap({
                parseSecrets($0, scheme: scheme, diagnostics: &diagnostics)
            }) {
                settings.secrets = secrets
            } else {
                valid = false
            }
        }
        // The checks across keys run only when every key parsed, so one mistake is not reported twice.
        if valid {
            valid = checkScheme(scheme, settings: settings, map: map, what: what, diagnostics: &diagnostics)
        }
        return valid ? settings : nil
    }

    private func parseHeaders(_ map: MappingReader, into settings: inout VerificationSettings, diagnostics: inout Diagnostics) -> Bool {
        var valid = true
        let headerKeys: [(String, WritableKeyPath<VerificationSettings, String?>)] = [
            ("header", \.header), ("timestamp_header", \.timestampHeader), ("id_header", \.idHeader),
        ]
        for (key, path) in headerKeys {
            guard let node = map[key] else { continue }
            guard let name = values.nonEmptyString(node, what: key, diagnostics: &diagnostics), Self.isHeaderName(name) else {
                if let name = node.scalarText, !Self.isHeaderName(name) {
                    diagnostics.error("\(key) '\(name)' is not a valid HTTP header name", at: node)
                }
                valid = false
                continue
            }
            settings[keyPath: path] = name
        }
        if let node = map["encoding"] {
            settings.encoding = values.choice(node, what: "encoding", as: VerificationSettings.Encoding.self, diagnostics: &diagnostics)
            valid = valid && settings.encoding != nil
        }
        if let node = map["prefix"] {
            settings.prefix = values.string(node, what: "prefix", diagnostics: &diagnostics)
            valid = valid && settings.prefix != nil
        }
        if let node = map["signed"] {
            settings.signedContent = parseSigned(node, diagnostics: &diagnostics)
            valid = valid && settings.signedContent != nil
        }
        if let node = map["query"] {
            settings.query = values.nonEmptyString(node, what: "query", diagnostics: &diagnostics)
            valid = valid && settings.query != nil
        }
        return valid
    }

    private func parseTiming(_ map: MappingReader, into settings: inout VerificationSettings, diagnostics: inout Diagnostics) -> Bool {
        var valid = true
        if let node = map["timestamp_unit"] {
            settings.timestampUnit = values.choice(
                node, what: "timestamp_unit", as: VerificationSettings.TimestampUnit.self, diagnostics: &diagnostics)
            valid = settings.timestampUnit != nil
        }
        if let node = map["tolerance"] {
            guard let text = values.string(node, what: "tolerance", diagnostics: &diagnostics) else { return false }
            guard let tolerance = Quantities.duration(text), tolerance > .zero, tolerance <= Self.maximumTolerance else {
                diagnostics.error("tolerance must be a duration of at most 1d, such as 300s, 5m or 1h, found '\(text)'", at: node)
                return false
            }
            settings.tolerance = tolerance
        }
        return valid
    }

    /// `signed` must sign the body and use only `{body}`, `{timestamp}` and `{id}`.
    private func parseSigned(_ node: ConfigNode, diagnostics: inout Diagnostics) -> String? {
        guard let template = values.nonEmptyString(node, what: "signed", diagnostics: &diagnostics) else { return nil }
        let placeholders = Self.placeholders(in: template)
        if let unknown = placeholders.first(where: { !["{body}", "{timestamp}", "{id}"].contains($0) }) {
            diagnostics.error("signed may use {body}, {timestamp} and {id}, not \(unknown)", at: node)
            return nil
        }
        guard placeholders.contains("{body}") else {
            diagnostics.error("signed must include {body}: a signature that does not cover the body proves nothing about it", at: node)
            return nil
        }
        return template
    }

    private func parseSecrets(_ node: ConfigNode, scheme: Scheme, diagnostics: inout Diagnostics) -> [Secret]? {
        guard let list = values.stringList(node, what: "secrets", secrets: true, diagnostics: &diagnostics) else { return nil }
        if list.isEmpty || list.contains(where: \.isEmpty) {
            diagnostics.error(
                "secrets must list at least one secret, none of them empty; is an environment variable set to an empty string?", at: node)
            return nil
        }
        // Each secret is checked at its own place in the list.
        let places = node.items ?? [node]
        var valid = true
        for (secret, place) in zip(list, places) {
            if Self.isBlank(secret) {
                diagnostics.error(
                    "a secret of only white space (spaces, tabs, line breaks) is no secret; is an environment variable set to spaces?", at: place)
                valid = false
            } else if scheme == .basic, !Self.isBasicCredential(secret) {
                diagnostics.error(
                    "each secret of scheme basic is user:password, neither of them empty or only white space; is an environment variable set to an empty string?",
                    at: place)
                valid = false
            } else if scheme == .standardWebhooks, !Self.isStandardWebhooksSecret(secret) {
                diagnostics.error("each secret of scheme standard-webhooks is whsec_ followed by base64", at: place)
                valid = false
            }
            for name in values.substitution.defaultsTaken(in: place.scalarText ?? "") {
                diagnostics.warning(
                    "this secret is the default written in the rules, as \(name) is not set: anyone who reads the rules can sign requests; set \(name)",
                    at: place)
            }
        }
        return valid ? list.map(Secret.init) : nil
    }

    /// `user:password` with a user and a password, neither of them only white space: HTTP basic authentication
    /// cannot carry a `:` in the user.
    static func isBasicCredential(_ secret: String) -> Bool {
        guard let colon = secret.firstIndex(of: ":") else { return false }
        return !isBlank(secret[..<colon]) && !isBlank(secret[secret.index(after: colon)...])
    }

    /// Empty, or nothing but white space (Unicode's White_Space): no secret at all.
    static func isBlank<Text: StringProtocol>(_ text: Text) -> Bool {
        text.unicodeScalars.allSatisfy(\.properties.isWhitespace)
    }

    private func checkScheme(_ scheme: Scheme, settings: VerificationSettings, map: MappingReader, what: String, diagnostics: inout Diagnostics)
        -> Bool
    {
        switch scheme {
        case .hmacSHA256, .hmacSHA1, .hmacSHA512:
            guard settings.header != nil else {
                diagnostics.error("\(what) needs 'header' for scheme \(scheme.rawValue)", at: map.anchor)
                return false
            }
            let placeholders = Self.placeholders(in: settings.signedContent ?? "{body}")
            if placeholders.contains("{timestamp}"), settings.timestampHeader == nil {
                diagnostics.error("signed uses {timestamp}, so \(what) needs 'timestamp_header'", at: map["signed"] ?? map.anchor)
                return false
            }
            if placeholders.contains("{id}"), settings.idHeader == nil {
                diagnostics.error("signed uses {id}, so \(what) needs 'id_header'", at: map["signed"] ?? map.anchor)
                return false
            }
            if settings.timestampHeader != nil, !placeholders.contains("{timestamp}") {
                diagnostics.warning(
                    "timestamp_header is checked for freshness, but signed does not include {timestamp}, so it is not signed",
                    at: map["timestamp_header"] ?? map.anchor)
            }
            return true
        case .token:
            if settings.header != nil, settings.query != nil {
                diagnostics.error("scheme token reads its token from a header or a query parameter, not both", at: map["query"] ?? map.anchor)
                return false
            }
            return true
        default:
            return true
        }
    }

    static func placeholders(in template: String) -> [String] {
        var found: [String] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            found.append(String(rest[open...close]))
            rest = rest[rest.index(after: close)...]
        }
        return found
    }

    static func isStandardWebhooksSecret(_ secret: String) -> Bool {
        StandardWebhooksSecret.key(secret) != nil
    }

    /// RFC 9110 token characters.
    static func isHeaderName(_ name: String) -> Bool {
        !name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "!#$%&'*+-.^_`|~".contains($0)) }
    }
}
