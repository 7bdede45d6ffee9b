import FuzzSupport
import TicketGateCore

// Any text: reducing HTML to text ends, and escaping gives text with no markup characters left.
FuzzDriver.run { bytes in
    let html = String(decoding: bytes, as: UTF8.self)
    _ = HTMLText.plainText(fromHTML: html)
    let escaped = HTMLText.escape(html)
    precondition(!escaped.contains("<") && !escaped.contains(">") && !escaped.contains("\""), "escape left markup in \(escaped)")
    _ = HTMLText.paragraphs(html)
}
