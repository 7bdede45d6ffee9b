import Foundation
import Logging
import Synchronization

/// Writes each log line as one JSON object: `time` (ISO 8601 with milliseconds), `level`, `message`,
/// `label`, and every metadata key at the top level (such as `hb.request.id` and `tg.event.id`), for log
/// shippers that read JSON lines.
package struct JSONLogHandler: LogHandler {
    package var metadata: Logger.Metadata = [:]
    package var logLevel: Logger.Level
    private let label: String
    private let output: LogOutput

    /// A handler writing to standard error.
    package init(label: String, level: Logger.Level) {
        self.init(label: label, level: level, output: .standardError)
    }

    init(label: String, level: Logger.Level, output: LogOutput) {
        self.label = label
        self.logLevel = level
        self.output = output
    }

    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    package func log(event: LogEvent) {
        var object: [String: JSONScalar] = [:]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { _, new in new }) {
            object[key] = Self.flatten(value)
        }
        object["time"] = .string(Date().formatted(Self.timeFormat))
        object["level"] = .string(event.level.rawValue)
        object["message"] = .string(event.message.description)
        object["label"] = .string(label)
        output.write(Self.encode(object))
    }

    private static let timeFormat = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    private static func flatten(_ value: Logger.Metadata.Value) -> JSONScalar {
        switch value {
        case .string(let text): .string(text)
        case .stringConvertible(let convertible): .string(convertible.description)
        case .array(let items): .array(items.map(flatten))
        case .dictionary(let fields): .object(fields.mapValues(flatten))
        }
    }

    private static func encode(_ object: [String: JSONScalar]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Strings, arrays and objects of strings always encode.
        return String(decoding: (try? encoder.encode(object)) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// A metadata value as JSON.
    indirect enum JSONScalar: Encodable {
        case string(String)
        case array([JSONScalar])
        case object([String: JSONScalar])

        func encode(to encoder: any Encoder) throws {
            switch self {
            case .string(let text):
                var container = encoder.singleValueContainer()
                try container.encode(text)
            case .array(let items):
                var container = encoder.singleValueContainer()
                try container.encode(items)
            case .object(let fields):
                var container = encoder.singleValueContainer()
                try container.encode(fields)
            }
        }
    }
}
