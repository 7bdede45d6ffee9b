import Foundation

/// Parameters of headers such as `Content-Type` and `Content-Disposition`: `value; key=value; key="quoted"`.
enum HeaderParameters {
    /// The `;`-separated parts of a header value, trimmed; semicolons inside quotes do not split.
    static func split(_ value: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var quoted = false
        var escaped = false
        for character in value {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" && quoted {
                current.append(character)
                escaped = true
            } else if character == "\"" {
                quoted.toggle()
                current.append(character)
            } else if character == ";" && !quoted {
                parts.append(current.trimmingSpaces)
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current.trimmingSpaces)
        return parts.filter { !$0.isEmpty }
    }

    /// `key=value` parts as a map with lowercased keys and unquoted values. `key*=UTF-8''…` (RFC 8187) is
    /// decoded and wins over a plain `key`.
    static func parse(_ parts: some Sequence<String>) -> [String: String] {
        var parameters: [String: String] = [:]
        var extended: [String: String] = [:]
        for part in parts {
            guard let equals = part.firstIndex(of: "=") else { continue }
            let key = part[..<equals].trimmingSpaces.lowercased()
            let raw = part[part.index(after: equals)...].trimmingSpaces
            if key.hasSuffix("*") {
                extended[String(key.dropLast())] = decodeExtended(raw)
            } else {
                parameters[key] = unquote(raw)
            }
        }
        return parameters.merging(extended.compactMapValues { $0 }) { _, extended in extended }
    }

    private static func unquote(_ value: String) -> String {
        guard value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") else { return value }
        var result = ""
        var escaped = false
        for character in value.dropFirst().dropLast() {
            if escaped {
                result.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// `UTF-8''caf%C3%A9.pdf` → `café.pdf`.
    private static func decodeExtended(_ value: String) -> String? {
        let pieces = value.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
        guard pieces.count == 3, pieces[0].lowercased() == "utf-8" else { return nil }
        return String(pieces[2]).removingPercentEncoding
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        var slice = Substring(self)
        while slice.first == " " || slice.first == "\t" { slice.removeFirst() }
        while slice.last == " " || slice.last == "\t" { slice.removeLast() }
        return String(slice)
    }
}
