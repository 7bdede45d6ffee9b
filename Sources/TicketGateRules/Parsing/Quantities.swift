import Foundation

/// Durations such as `300`, `90s`, `5m`, `2h`, and sizes such as `1048576`, `512KiB`, `25MiB`, `1GB`.
enum Quantities {
    static func duration(_ text: String) -> Duration? {
        let units: [(String, Int64)] = [("ms", 0), ("s", 1), ("m", 60), ("h", 3600), ("d", 86_400)]
        for (suffix, seconds) in units where text.hasSuffix(suffix) {
            guard let number = Int64(text.dropLast(suffix.count)), number >= 0 else { return nil }
            return seconds == 0 ? .milliseconds(number) : .seconds(number * seconds)
        }
        return Int64(text).map { .seconds($0) }
    }

    static func size(_ text: String) -> Int? {
        let units: [(String, Int)] = [
            ("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30), ("KB", 1000), ("MB", 1_000_000), ("GB", 1_000_000_000), ("B", 1),
        ]
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            return Int(text.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)).map { $0 * factor }
        }
        return Int(text)
    }
}
