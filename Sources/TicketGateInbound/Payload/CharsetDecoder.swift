import Foundation

/// Decodes text in the charsets mail and form providers declare; unknown charsets fall back to UTF-8, with
/// invalid bytes replaced rather than refused.
enum CharsetDecoder {
    private static let encodings: [String: String.Encoding] = [
        "utf-8": .utf8, "utf8": .utf8, "us-ascii": .ascii, "ascii": .ascii,
        "iso-8859-1": .isoLatin1, "latin1": .isoLatin1, "iso-8859-2": .isoLatin2,
        "windows-1252": .windowsCP1252, "cp1252": .windowsCP1252, "windows-1250": .windowsCP1250,
        "utf-16": .utf16, "utf-16le": .utf16LittleEndian, "utf-16be": .utf16BigEndian,
    ]

    static func decode(_ bytes: [UInt8], charset: String?) -> String {
        if let charset, let encoding = encodings[charset.lowercased()], encoding != .utf8,
            let text = String(data: Data(bytes), encoding: encoding)
        {
            return text
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
