import Logging
import Testing

@testable import TicketGateServer

/// The text log's line: time, level, message, then `key=value` sorted by key, split back apart by a logfmt reader.
@Suite struct TextLogLineTests {
    @Test func theMessageComesBeforeItsSortedFields() {
        let line = TextLogHandler.line(
            time: "2026-12-07T03:11:06+0000", level: .warning, message: "delivery attempt finished",
            metadata: ["tg.event.id": "evt_1", "tg.delivery.status": "dead", "tg.destination": "spp"])
        #expect(line == "2026-12-07T03:11:06+0000 warning delivery attempt finished tg.delivery.status=dead tg.destination=spp tg.event.id=evt_1")
    }

    @Test func valuesThatWouldSplitAreQuoted() {
        let line = TextLogHandler.line(
            time: "T", level: .error, message: "cannot claim",
            metadata: ["tg.error": #"connection "db" refused: a=b"#, "empty": "", "list": .array(["a", "b"])])
        #expect(line == #"T error cannot claim empty="" list="[\"a\", \"b\"]" tg.error="connection \"db\" refused: a=b""#)
        #expect(TextLogHandler.quoted(#"C:\path with space"#) == #""C:\\path with space""#)
    }

    /// A message or value with a line break or an escape sequence cannot start a forged line or drive the terminal.
    @Test func controlCharactersAreWrittenOut() {
        let line = TextLogHandler.line(
            time: "T", level: .info, message: "hello\n2026-01-01T00:00:00+0000 error forged",
            metadata: ["tg.subject": "\u{1B}[2Jwiped\r\nagain"])
        #expect(!line.contains("\n") && !line.contains("\r") && !line.contains("\u{1B}"))
        #expect(line == #"T info hello\n2026-01-01T00:00:00+0000 error forged tg.subject=\u{1B}[2Jwiped\r\nagain"#)
    }
}
