import Foundation

/// `application/x-www-form-urlencoded`: `name=value&…` pairs, each percent-decoded (`+` is a space). The body
/// must be UTF-8, and so must every name and value once decoded; a broken escape such as `%zz` makes the whole
/// body malformed. Reading stops at the first field past `SourceEndpoint.maximumFields`.
///
/// The bytes are decoded in one pass. Foundation's `removingPercentEncoding` and `replacingOccurrences`, which
/// did this before, cost about a second per MiB on a body of many small fields, and Mailgun's form is parsed
/// before its signature is checked; `URLEncodedFormTests` holds this decoder to their answers over generated
/// bodies.
enum URLEncodedForm {
    static func parse(_ body: Data) throws(InboundError) -> FormData {
        let bytes = [UInt8](body)
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw InboundError(.malformedBody, "the form body is not UTF-8 text")
        }
        var parts: [FormData.Part] = []
        var rest = bytes[...]
        while !rest.isEmpty {
            let end = rest.firstIndex(of: UInt8(ascii: "&")) ?? rest.endIndex
            let pair = rest[..<end]
            rest = end == rest.endIndex ? rest[end...] : rest[(end + 1)...]
            guard !pair.isEmpty else { continue }
            let equals = pair.firstIndex(of: UInt8(ascii: "=")) ?? pair.endIndex
            let value = equals == pair.endIndex ? pair[equals...] : pair[(equals + 1)...]
            guard let name = decoded(pair[..<equals]), let value = decoded(value) else {
                throw InboundError(.malformedBody, "the body is not valid application/x-www-form-urlencoded: a field has a broken %-escape")
            }
            guard !name.isEmpty else { continue }
            parts.append(FormData.Part(name: name, data: Array(value.utf8)))
            guard parts.count <= SourceEndpoint.maximumFields else { throw SourceEndpoint.tooManyFields(parts.count) }
        }
        return FormData(parts: parts)
    }

    /// The text of one name or value: `+` as a space, `%XX` as the byte it names; `nil` for a `%` without two
    /// hex digits after it, or decoded bytes that are not UTF-8.
    static func decoded(_ encoded: ArraySlice<UInt8>) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(encoded.count)
        var index = encoded.startIndex
        while index < encoded.endIndex {
            let byte = encoded[index]
            switch byte {
            case UInt8(ascii: "+"):
                bytes.append(UInt8(ascii: " "))
                index += 1
            case UInt8(ascii: "%"):
                guard encoded.endIndex - index >= 3, let high = SignatureText.nibble(encoded[index + 1]),
                    let low = SignatureText.nibble(encoded[index + 2])
                else { return nil }
                bytes.append(high << 4 | low)
                index += 3
            default:
                bytes.append(byte)
                index += 1
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
