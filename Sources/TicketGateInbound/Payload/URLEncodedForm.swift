import Foundation

/// `application/x-www-form-urlencoded`: `name=value&…` pairs, each percent-decoded (`+` is a space). A broken
/// escape such as `%zz`, or bytes that are not UTF-8 once decoded, make the whole body malformed.
enum URLEncodedForm {
    static func parse(_ body: Data) throws(InboundError) -> FormData {
        guard let text = String(data: body, encoding: .utf8) else {
            throw InboundError(.malformedBody, "the form body is not UTF-8 text")
        }
        var parts: [FormData.Part] = []
        for pair in text.split(separator: "&") {
            let pieces = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decoded(pieces[0]), let value = decoded(pieces.count > 1 ? pieces[1] : "") else {
                throw InboundError(.malformedBody, "the body is not valid application/x-www-form-urlencoded: a field has a broken %-escape")
            }
            guard !name.isEmpty else { continue }
            parts.append(FormData.Part(name: name, data: Array(value.utf8)))
        }
        return FormData(parts: parts)
    }

    private static func decoded(_ part: Substring) -> String? {
        part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
