import Testing
import TicketGateCore

/// The file name an attachment keeps, and passes on to vendors: no directories, no control characters, no
/// bidirectional controls that make a name read as something else, and the joiners that names are written with.
@Suite struct AttachmentNameTests {
    /// Every Bidi_Control code point, one at a time, in a name that would read as `invoiceexe.pdf`.
    @Test(arguments: [0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069] as [UInt32])
    func bidirectionalControlsAreRemoved(code: UInt32) throws {
        let control = try #require(Unicode.Scalar(code))
        #expect(Attachment.safeName("invoice\(control)fdp.exe") == "invoicefdp.exe")
        #expect(Attachment(name: "\(control)report.pdf", contentType: "application/pdf").name == "report.pdf")
        #expect(Attachment.safeName("\(control)") == "attachment")
    }

    @Test(arguments: [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\jane\\photo.jpg", "photo.jpg"),
        ("line\r\nbreak.txt", "linebreak.txt"),
        ("  ..  ", "attachment"),
        // Joiners are how some names are written: a family emoji, a Persian word with a zero-width non-joiner.
        ("\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}.png", "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}.png"),
        (
            "\u{0645}\u{06CC}\u{200C}\u{062E}\u{0648}\u{0627}\u{0647}\u{0645}.pdf",
            "\u{0645}\u{06CC}\u{200C}\u{062E}\u{0648}\u{0627}\u{0647}\u{0645}.pdf"
        ),
        ("שלום.txt", "שלום.txt"),
    ])
    func namesKeepTheirLastComponentAndVisibleCharacters(name: String, kept: String) {
        #expect(Attachment.safeName(name) == kept)
    }
}
