/// The text of a JSON number, already checked against the grammar, and the `JSONValue` it reads as.
///
/// The values are the ones `JSONDecoder` gave a `JSONValue`, which tries `Int64` before `Double`:
/// - an integer that fits in 64 bits is an `int`;
/// - a number with a fraction or exponent is an `int` when, read as a `Double`, it is a whole number in
///   `Int64`'s range: below 2^53 that `Double` is the value (`1.0` is 1, `1e3` is 1,000, and
///   `1.000000000000000000001` is 1, as the `Double` is); from 2^53 on, where a `Double` no longer holds every
///   integer, the value is read from the digits, and only a whole number is an `int` (`9007199254740993.0` is
///   exactly that). `JSONDecoder` reads that last kind through `Decimal`, and for a number from 2^53 on with a
///   fraction that is not zero its answer is sometimes an `int` and sometimes a `double`; here it is a
///   `double`;
/// - anything else is a `double`, and a number too large for one is refused.
struct JSONNumberText {
    private let text: UnsafeRawBufferPointer

    init(_ text: UnsafeRawBufferPointer) {
        self.text = text
    }

    /// The value, or nil when the number is too large for a `Double`. `isInteger`: the text has neither a
    /// fraction nor an exponent.
    func value(isInteger: Bool) -> JSONValue? {
        if isInteger, let integer = wholeNumber() { return .int(integer) }
        guard let double = Double(String(decoding: text, as: UTF8.self)), double.isFinite else { return nil }
        if !isInteger, let rounded = Int64(exactly: double) {
            if double.magnitude < 0x1p53 { return .int(rounded) }
            if let exact = wholeNumber() { return .int(exact) }
        }
        return .double(double)
    }

    /// The number's value when it is a whole number that fits in an `Int64`: the digits left of the decimal
    /// point once the exponent has moved it, with only zeros right of it.
    private func wholeNumber() -> Int64? {
        let negative = text.first == UInt8(ascii: "-")
        var digits = text.dropFirst(negative ? 1 : 0)
        var exponent = 0
        if let e = digits.firstIndex(where: { $0 | 0x20 == UInt8(ascii: "e") }) {
            exponent = Self.exponent(digits[(e + 1)...])
            digits = digits[..<e]
        }
        let point = digits.firstIndex(of: UInt8(ascii: ".")) ?? digits.endIndex
        let wholeDigits = digits.distance(from: digits.startIndex, to: point) + exponent
        var magnitude: UInt64 = 0
        var taken = 0
        for byte in digits where byte != UInt8(ascii: ".") {
            guard taken < wholeDigits else {
                if byte != UInt8(ascii: "0") { return nil }
                continue
            }
            guard let next = Self.appending(UInt64(byte &- UInt8(ascii: "0")), to: magnitude) else { return nil }
            magnitude = next
            taken += 1
        }
        while taken < wholeDigits, magnitude != 0 {
            guard let next = Self.appending(0, to: magnitude) else { return nil }
            magnitude = next
            taken += 1
        }
        if negative { return magnitude <= UInt64(Int64.max) + 1 ? Int64(truncatingIfNeeded: 0 &- magnitude) : nil }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    /// `magnitude` with `digit` written after it, unless that overflows.
    private static func appending(_ digit: UInt64, to magnitude: UInt64) -> UInt64? {
        let (shifted, overflow) = magnitude.multipliedReportingOverflow(by: 10)
        let (sum, carry) = shifted.addingReportingOverflow(digit)
        return overflow || carry ? nil : sum
    }

    /// An exponent's value, held within ±100,000: past that every number is zero or too large for a `Double`.
    private static func exponent(_ text: UnsafeRawBufferPointer.SubSequence) -> Int {
        let negative = text.first == UInt8(ascii: "-")
        var value = 0
        for byte in text where byte != UInt8(ascii: "+") && byte != UInt8(ascii: "-") {
            value = min(value * 10 + Int(byte &- UInt8(ascii: "0")), 100_000)
        }
        return negative ? -value : value
    }
}
