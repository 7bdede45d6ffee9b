/// A URL as it may appear in a log line or an error: the password of its user information and the values of
/// query parameters that look secret (`password`, `sslpassword`, anything naming a secret, token or key) are
/// `***`. It reads the text, not a parsed URL, so a URL that does not parse (a port that is not a number, a
/// password with `/`, `?` or `@` in it) is masked all the same: everything between `://` and the last `@` is user
/// information, and only the user name before its first `:` is kept.
package struct RedactedURL: Sendable, CustomStringConvertible {
    package let description: String

    package init(_ url: String) {
        var rest = Substring(url)
        var written = ""
        if let schemeEnd = rest.range(of: "://") {
            written += rest[..<schemeEnd.upperBound]
            rest = rest[schemeEnd.upperBound...]
        }
        if let at = rest.lastIndex(of: "@") {
            let userInformation = rest[..<at]
            if let colon = userInformation.firstIndex(of: ":") {
                written += userInformation[..<colon] + ":***"
            } else {
                written += userInformation
            }
            written += "@"
            rest = rest[rest.index(after: at)...]
        }
        guard let question = rest.firstIndex(of: "?") else {
            description = written + rest
            return
        }
        written += rest[...question]
        let query = rest[rest.index(after: question)...]
        let fragmentStart = query.firstIndex(of: "#") ?? query.endIndex
        let parameters = query[..<fragmentStart].split(separator: "&", omittingEmptySubsequences: false).map { parameter in
            guard let equals = parameter.firstIndex(of: "="), Self.namesASecret(parameter[..<equals]) else { return String(parameter) }
            return parameter[...equals] + "***"
        }
        description = written + parameters.joined(separator: "&") + query[fragmentStart...]
    }

    /// Whether a query parameter's name says its value is a credential.
    private static func namesASecret(_ name: Substring) -> Bool {
        let lowered = name.lowercased()
        return ["pass", "secret", "token", "key"].contains { lowered.contains($0) }
    }
}
