import Foundation
import Testing
import TicketGateCore

/// The ingest path's trimming agrees with Foundation's `.whitespacesAndNewlines` on what it removes.
@Suite struct TrimmingTests {
    @Test(arguments: [
        "plain", "  padded  ", "\n\tline breaks\r\n", "\u{00A0}no-break space\u{2003}", "inner  spaces stay", "   ", "", "\u{3000}ideographic",
        "é\u{0301} combining ", "👋 ",
    ])
    func trimsWhatFoundationTrims(_ text: String) {
        #expect(text.trimmingWhitespace() == text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
