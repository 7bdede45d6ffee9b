import Foundation

/// The gateway's own id for an event: a UUIDv7, so ids sort by the time they were received.
package struct EventID: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    package let rawValue: String

    package init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// A new id whose leading 48 bits are `date` in Unix milliseconds (RFC 9562, version 7).
    package static func generate(at date: Date = Date()) -> EventID {
        var generator = SystemRandomNumberGenerator()
        return generate(at: date, using: &generator)
    }

    static func generate(at date: Date, using generator: inout some RandomNumberGenerator) -> EventID {
        let milliseconds = UInt64(max(0, date.timeIntervalSince1970 * 1000))
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<6 {
            bytes[index] = UInt8(truncatingIfNeeded: milliseconds >> (8 * (5 - index)))
        }
        // Two draws for the 80 random bits: the system generator costs a system call per draw.
        let random = (generator.next() as UInt64, generator.next() as UInt64)
        for index in 6..<8 {
            bytes[index] = UInt8(truncatingIfNeeded: random.0 >> (8 * (index - 6)))
        }
        for index in 8..<16 {
            bytes[index] = UInt8(truncatingIfNeeded: random.1 >> (8 * (index - 8)))
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x70
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let uuid = UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            )
        )
        return EventID(rawValue: uuid.uuidString.lowercased())
    }

    package var description: String { rawValue }

    package init(from decoder: any Decoder) throws {
        self.rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
