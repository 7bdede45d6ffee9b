import Foundation
import TicketGateCore

/// Provider timestamps: ISO 8601 text, or Unix time in seconds or milliseconds.
enum TimeValue {
    /// Numbers above this are milliseconds: 1e12 seconds is the year 33658.
    private static let millisecondThreshold = 1e12

    static func date(_ value: JSONValue?) -> Date? {
        switch value {
        case .int, .double:
            guard let number = value?.number else { return nil }
            return Date(timeIntervalSince1970: number > millisecondThreshold ? number / 1000 : number)
        case .string(let text):
            if let number = Double(text) { return date(.double(number)) }
            return iso8601(text)
        default:
            return nil
        }
    }

    static func iso8601(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: .iso8601) { return date }
        return try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)
    }
}
