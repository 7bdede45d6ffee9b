import Foundation
import Testing

@testable import TicketGateInbound

/// `Content-Disposition` and `Content-Type` parameters read as Python's `email` package reads them: quoted
/// values with escapes and semicolons, RFC 8187 / RFC 2231 `key*=UTF-8''…` values percent-decoded.
@Suite struct HeaderParametersTests {
    @Test func agreesWithPythonsEmailPackageOnGeneratedHeaders() async throws {
        let seed = try TestSeed.next()
        var random = SeededRandom(seed: seed)
        let headers = (0..<500).map { _ in Self.header(using: &random) }
        let expected = try await PythonReference.run(
            """
            import email.message, email.utils, json, sys
            answers = []
            for header in json.load(sys.stdin):
                message = email.message.Message()
                message["Content-Disposition"] = header
                parameters = message.get_params(header="content-disposition")[1:]
                # `get_params` unquotes plain values; RFC 2231 ones come as (charset, language, text) to decode.
                answers.append({key: value if isinstance(value, str) else email.utils.collapse_rfc2231_value(value) for key, value in parameters})
            print(json.dumps(answers))
            """, input: headers, as: [[String: String]].self)
        for (header, expected) in zip(headers, expected) {
            let parsed = HeaderParameters.parse(HeaderParameters.split(header).dropFirst())
            #expect(parsed == expected, "\(seed): \(header)")
        }
    }

    @Test func readsQuotedAndExtendedValues() {
        let header = #"attachment; FILENAME="a \" ; b.pdf"; size=12; name*=UTF-8''caf%C3%A9.pdf; name="ignored.pdf""#
        #expect(
            HeaderParameters.parse(HeaderParameters.split(header).dropFirst()) == ["filename": #"a " ; b.pdf"#, "size": "12", "name": "café.pdf"])
    }

    static let keys = ["filename", "name", "size", "charset", "boundary", "x-part", "creation-date"]
    /// Python's splitter miscounts quotes after an escaped backslash (`"a\\"`), so the generated quoted values
    /// escape quotes only; `readsQuotedAndExtendedValues` covers escaped backslashes.
    static let quotedPieces = ["a", "Z", "7", " ", ";", "=", ",", "é", "😀", "\\\"", "/", "'"]
    static let tokenCharacters = Array("abcXYZ0189.-_")

    /// `disposition; key=value; …` with distinct keys in mixed case, each value a token, a quoted string or an
    /// RFC 2231 extended value, separated by `;` with or without spaces.
    static func header(using random: inout SeededRandom) -> String {
        var parts = [["attachment", "inline", "form-data"].randomElement(using: &random)!]
        for key in keys.shuffled(using: &random).prefix(Int.random(in: 0...4, using: &random)) {
            let name = String(key.map { Bool.random(using: &random) ? Character($0.uppercased()) : $0 })
            // Python's RFC 2231 pattern takes `\w+` names only: extended values go to keys without a hyphen.
            switch Int.random(in: 0..<(key.contains("-") ? 2 : 3), using: &random) {
            case 0:
                parts.append(
                    "\(name)=" + String((0..<Int.random(in: 1...8, using: &random)).map { _ in tokenCharacters.randomElement(using: &random)! }))
            case 1:
                let content = (0..<Int.random(in: 0...8, using: &random)).map { _ in quotedPieces.randomElement(using: &random)! }.joined()
                parts.append("\(name)=\"\(content)\"")
            default:
                let text = (0..<Int.random(in: 1...6, using: &random)).map { _ in
                    ["a", " ", "é", "€", "😀", "%", "'", ";"].randomElement(using: &random)!
                }.joined()
                let encoded = text.utf8.map { byte in
                    let character = Character(Unicode.Scalar(byte))
                    return byte < 0x80 && (character.isLetter || character.isNumber) ? String(character) : String(format: "%%%02X", byte)
                }.joined()
                parts.append("\(name)*=UTF-8''\(encoded)")
            }
        }
        return parts.joined(separator: [";", "; ", " ; "].randomElement(using: &random)!)
    }
}
