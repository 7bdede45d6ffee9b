import Foundation
import Logging
import TicketGateCore

/// Writes each log entry as one line of text, `time level message key=value …`: the local time with its
/// offset, the level, the message, then the metadata sorted by key. A value with a space, a quote or an
/// equals sign is quoted; control characters in the message and in values are written out (`\n`,
/// `\u{1B}`), so what a line quotes cannot start another line, forge one or move the terminal's cursor.
struct TextLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level
    var metadataProvider: Logger.MetadataProvider?
    private let output: LogOutput

    init(level: Logger.Level, output: LogOutput = .standardError) {
        self.logLevel = level
        self.output = output
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let explicit = event.metadata { merged.merge(explicit) { _, new in new } }
        output.write(Self.line(time: Self.localTime(), level: event.level, message: event.message.description, metadata: merged))
    }

    /// The line for one entry.
    static func line(time: String, level: Logger.Level, message: String, metadata: Logger.Metadata) -> String {
        var line = "\(time) \(level.rawValue) \(ControlCharacters.escaped(message))"
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
            line += " \(ControlCharacters.escaped(key))=\(quoted(ControlCharacters.escaped(text(of: value))))"
        }
        return line
    }

    /// A metadata value as text; arrays and dictionaries as swift-log describes them (`["a", "b"]`).
    private static func text(of value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let text): text
        case .stringConvertible(let convertible): convertible.description
        case .array, .dictionary: value.description
        }
    }

    /// `value` as it is, or in double quotes (with `"` and `\` escaped) when it is empty or holds a space, a quote
    /// or an equals sign, so that the line splits back into its keys and values.
    static func quoted(_ value: String) -> String {
        guard value.isEmpty || value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// The local time to the second with its offset, `2026-12-07T03:11:06+0100`, as `strftime` writes it
    /// (`LocalTimeZone` keeps that from asking the kernel for the zone on every line).
    private static func localTime() -> String {
        var now = time(nil)
        var parts = tm()
        guard localtime_r(&now, &parts) != nil else { return "-" }
        var buffer = [CChar](repeating: 0, count: 64)
        let count = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S%z", &parts)
        return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
