import Foundation

/// A moment an operator writes for a test case or `explain --at`: RFC 3339 with its zone (`Z` or an offset),
/// seconds optionally with a fraction. A time without a zone is refused: it would mean a different moment on
/// every machine.
package enum RFC3339Time {
    package static func parse(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: .iso8601) { return date }
        return try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
