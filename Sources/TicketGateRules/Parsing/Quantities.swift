import Foundation
import TicketGateCore

/// Durations such as `300`, `90s`, `5m`, `2h`; sizes such as `1048576`, `512KiB`, `25MiB`, `1GB`; rates such
/// as `60/min`, `10/s`, `1000/h`, `30/10s`. Every product is computed with overflow reported, so a number too
/// large for its unit is refused instead of trapping; callers hold each quantity to its own range.
package enum Quantities {
    /// The most requests a rate may allow in its period.
    static let maximumRateRequests = 1_000_000
    /// The longest period a rate may count over.
    static let maximumRatePeriod = Duration.seconds(86_400)

    static func rate(_ text: String) -> RateLimit? {
        let parts = text.replacingOccurrences(of: " ", with: "").split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let count = Int(parts[0]), (1...maximumRateRequests).contains(count) else { return nil }
        let named: [String: Duration] = [
            "s": .seconds(1), "sec": .seconds(1), "second": .seconds(1), "min": .seconds(60), "minute": .seconds(60), "h": .seconds(3600),
            "hour": .seconds(3600),
        ]
        guard let period = named[String(parts[1])] ?? duration(String(parts[1])), period > .zero, period <= maximumRatePeriod else {
            return nil
        }
        return RateLimit(requests: count, per: period)
    }

    package static func duration(_ text: String) -> Duration? {
        let units: [(String, Int64)] = [("ms", 0), ("s", 1), ("m", 60), ("h", 3600), ("d", 86_400)]
        for (suffix, seconds) in units where text.hasSuffix(suffix) {
            guard let number = Int64(text.dropLast(suffix.count)), number >= 0 else { return nil }
            if seconds == 0 { return .milliseconds(number) }
            let product = number.multipliedReportingOverflow(by: seconds)
            return product.overflow ? nil : .seconds(product.partialValue)
        }
        return Int64(text).map { .seconds($0) }
    }

    package static func size(_ text: String) -> Int? {
        let units: [(String, Int)] = [
            ("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30), ("KB", 1000), ("MB", 1_000_000), ("GB", 1_000_000_000), ("B", 1),
        ]
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            guard let number = Int(text.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)) else { return nil }
            let product = number.multipliedReportingOverflow(by: factor)
            return product.overflow ? nil : product.partialValue
        }
        return Int(text)
    }
}
