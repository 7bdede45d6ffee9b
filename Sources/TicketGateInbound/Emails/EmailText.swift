import Foundation
import TicketGateCore

/// Small helpers the email formats share.
enum EmailText {
    /// The text with surrounding whitespace removed, or `nil` when nothing is left.
    static func nonBlank(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingWhitespace(), !trimmed.isEmpty else { return nil }
        return trimmed
    }

    /// The reply without its quote as the text, and the whole body as the full text when they differ.
    static func bodies(stripped: String?, full: String?) -> (text: String?, fullText: String?) {
        let stripped = nonBlank(stripped)
        let full = nonBlank(full)
        guard let stripped else { return (full, nil) }
        return (stripped, full == stripped ? nil : full)
    }
}
