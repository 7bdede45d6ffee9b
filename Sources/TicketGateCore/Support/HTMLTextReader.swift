/// One pass over the UTF-8 of an HTML fragment that keeps its text, tokenized as Python's `html.parser` (3.11)
/// tokenizes it, and in time linear in its length.
///
/// A `<` begins markup only when an ASCII letter (a start tag), `/` (an end tag), `!` (a comment or declaration)
/// or `?` (a processing instruction) follows it; any other `<` is text. Markup that is never closed (a start tag
/// without its `>`, a comment without `-->`, `</` or `<!` or `<?` without a `>` after it) is text too, up to
/// the first `>` after its `<`, or else up to the next `<`, or else just the `<`; reading goes on from there.
/// The text of a `<script>` or `<style>` element, up to its end tag, is left out, and so is the rest of the
/// fragment when that end tag never comes.
struct HTMLTextReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private(set) var text: [UInt8] = []
    private var position = 0
    /// Searches that found nothing: no `>` and no comment end at or after these indices.
    private var noGreaterFrom = Int.max
    private var noCommentEndFrom = Int.max
    /// The index of the last `"` and of the last `'` in the fragment (-1 for none), found when first needed.
    private var lastQuotes: (double: Int, single: Int)?
    /// For every index a start tag was read through without ending, the states it was read in: a later tag that
    /// reaches an index in one of them would not end either, so it stops there. Empty until a tag first fails to
    /// end, and only then allocated; this keeps a fragment of many unclosed tags (`<a<a<a…`) linear.
    private var unending: [UInt8] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        text.reserveCapacity(bytes.count)
    }

    /// Reads the whole fragment into `text`: tags removed, `<br>` and the ends of blocks as line breaks,
    /// entities decoded.
    mutating func read() {
        while position < bytes.count {
            let markup = index(of: UInt8(ascii: "<"), from: position) ?? bytes.count
            appendText(position..<markup)
            position = markup
            if position < bytes.count { readMarkup() }
        }
    }

    // MARK: - Markup

    /// What a `<` turned out to begin.
    private enum Markup {
        /// Markup ending before `end`.
        case markup(end: Int)
        /// A start tag Python's parser passes on as text (entities and all) because it ends in a byte no
        /// attribute can begin with.
        case literal(end: Int)
        /// Markup with no end: text.
        case unclosed
    }

    /// At a `<`: steps over the markup it begins, or writes it as text.
    private mutating func readMarkup() {
        let start = position
        guard start + 1 < bytes.count else {
            appendText(start..<(start + 1))
            position = start + 1
            return
        }
        let next = bytes[start + 1]
        let markup: Markup
        if Self.isLetter(next) {
            markup = startTag(at: start)
        } else if next == UInt8(ascii: "/") {
            markup = endTag(at: start)
        } else if startsWith("<!--", at: start) {
            markup = comment(at: start)
        } else if next == UInt8(ascii: "!") || next == UInt8(ascii: "?") {
            markup = index(ofGreaterFrom: start + 2).map { .markup(end: $0 + 1) } ?? .unclosed
        } else {
            text.append(UInt8(ascii: "<"))
            position = start + 1
            return
        }
        switch markup {
        case .markup(let end):
            position = end
        case .literal(let end):
            text.append(contentsOf: bytes[start..<end])
            position = end
        case .unclosed:
            if let greater = index(ofGreaterFrom: start + 1) {
                position = greater + 1
            } else {
                position = index(of: UInt8(ascii: "<"), from: start + 1) ?? start + 1
            }
            appendText(start..<position)
        }
    }

    /// `</name …>`: up to the first `>`, whatever is between; a line break when it ends a block.
    private mutating func endTag(at start: Int) -> Markup {
        guard let greater = index(ofGreaterFrom: start + 1) else { return .unclosed }
        var nameStart = start + 2
        while nameStart < greater, Self.isSpace(bytes[nameStart]) { nameStart += 1 }
        var nameEnd = nameStart
        while nameEnd < greater, Self.isLetter(bytes[nameEnd]) || Self.isDigit(bytes[nameEnd]) { nameEnd += 1 }
        if HTMLText.lineBreaking.contains(lowercased(nameStart..<nameEnd)) { text.append(UInt8(ascii: "\n")) }
        return .markup(end: greater + 1)
    }

    /// `<!-- … -->`, the end being `--`, any spaces, and `>`.
    private mutating func comment(at start: Int) -> Markup {
        var dash = start + 4
        if dash < noCommentEndFrom {
            while let found = index(of: UInt8(ascii: "-"), from: dash), found + 1 < bytes.count {
                dash = found + 1
                guard bytes[found + 1] == UInt8(ascii: "-") else { continue }
                var after = found + 2
                while after < bytes.count, Self.isSpace(bytes[after]) { after += 1 }
                if after < bytes.count, bytes[after] == UInt8(ascii: ">") { return .markup(end: after + 1) }
            }
            noCommentEndFrom = start + 4
        }
        return .unclosed
    }

    // MARK: - Start tags

    /// The states a start tag is read in, as bits of `unending`.
    private enum TagState: UInt8 {
        case name = 1
        case gap = 2
        case attributeName = 4
        case bareValue = 8
        case doubleQuoted = 16
        case singleQuoted = 32
    }

    /// `<name attributes>` or `<name attributes/>`, read as Python's `locatestarttagend_tolerant` reads it;
    /// `<script>` and `<style>` also step over their text.
    private mutating func startTag(at start: Int) -> Markup {
        var read = readStartTag(at: start)
        if case .unclosed = read.markup, unending.isEmpty {
            unending = Array(repeating: 0, count: bytes.count)
            read = readStartTag(at: start)
        }
        guard case .markup(let end) = read.markup else { return read.markup }
        let name = lowercased((start + 1)..<read.nameEnd)
        if name == "br" { text.append(UInt8(ascii: "\n")) }
        guard !read.selfClosing, name == "script" || name == "style" else { return .markup(end: end) }
        return .markup(end: indexAfterEndTag(named: name, from: end))
    }

    /// Where a start tag ends, and how: the regular expression Python's parser finds start tags with, as a
    /// machine over `TagState`, including what it does when a quoted value has no closing quote. Once
    /// `unending` is allocated, every state the tag is read in is noted there.
    private mutating func readStartTag(at start: Int) -> (markup: Markup, nameEnd: Int, selfClosing: Bool) {
        var index = start + 1
        var state = TagState.name
        var nameEnd = bytes.count
        while index < bytes.count {
            if !unending.isEmpty {
                if unending[index] & state.rawValue != 0 { break }
                unending[index] |= state.rawValue
            }
            let byte = bytes[index]
            switch state {
            case .name:
                if Self.endsTagName(byte) {
                    nameEnd = index
                    state = .gap
                } else {
                    index += 1
                }
            case .gap:
                if Self.isSpace(byte) {
                    index += 1
                } else if byte == UInt8(ascii: ">") {
                    return (.markup(end: index + 1), nameEnd, false)
                } else if byte == UInt8(ascii: "/") {
                    if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: ">") { return (.markup(end: index + 2), nameEnd, true) }
                    index += 1
                } else if Self.mayPrecedeAttribute(bytes[index - 1]) {
                    state = .attributeName
                    index += 1
                } else {
                    // The expression stops here: before a letter or `=` it wants more input, before anything
                    // else the parser takes what it matched as text.
                    return (Self.isLetter(byte) || byte == UInt8(ascii: "=") ? .unclosed : .literal(end: index), nameEnd, false)
                }
            case .attributeName:
                if Self.isSpace(byte) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=") || byte == UInt8(ascii: ">") {
                    guard let next = value(afterName: index) else { return (.unclosed, nameEnd, false) }
                    (index, state) = next
                } else {
                    index += 1
                }
            case .bareValue:
                if Self.isSpace(byte) || byte == UInt8(ascii: ">") { state = .gap } else { index += 1 }
            case .doubleQuoted, .singleQuoted:
                if byte == UInt8(ascii: state == .doubleQuoted ? "\"" : "'") { state = .gap }
                index += 1
            }
        }
        return (.unclosed, nameEnd, false)
    }

    /// After an attribute name: where its value (`\s*=+\s*` and a quoted or bare value) begins and in what
    /// state, or where the next attribute begins when it has none; `nil` when the tag cannot end.
    ///
    /// A quote with no closing quote after it is no value: as Python's expression backtracks, the spaces after
    /// `=` then end an empty bare value, or a second `=` begins a bare value, or else the attribute has no
    /// value and the next one may begin at `=`.
    private mutating func value(afterName nameEnd: Int) -> (Int, TagState)? {
        var equals = nameEnd
        while equals < bytes.count, Self.isSpace(bytes[equals]) { equals += 1 }
        guard equals < bytes.count, bytes[equals] == UInt8(ascii: "=") else { return (nameEnd, .gap) }
        var equalsEnd = equals
        while equalsEnd < bytes.count, bytes[equalsEnd] == UInt8(ascii: "=") { equalsEnd += 1 }
        var value = equalsEnd
        while value < bytes.count, Self.isSpace(bytes[value]) { value += 1 }
        guard value < bytes.count else { return nil }
        let quote = bytes[value]
        guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return (value, .bareValue) }
        let quotes = lastQuotes ?? findLastQuotes()
        if (quote == UInt8(ascii: "\"") ? quotes.double : quotes.single) > value {
            return (value + 1, quote == UInt8(ascii: "\"") ? .doubleQuoted : .singleQuoted)
        }
        if value > equalsEnd { return (value, .gap) }
        if equalsEnd - equals >= 2 { return (equalsEnd - 1, .bareValue) }
        return (nameEnd, .gap)
    }

    /// The index after `</name>` (spaces allowed around the name, in any case), or the end of the fragment.
    private func indexAfterEndTag(named name: String, from start: Int) -> Int {
        let name = Array(name.utf8)
        var search = start
        while let open = index(of: UInt8(ascii: "<"), from: search) {
            search = open + 1
            guard open + 1 < bytes.count, bytes[open + 1] == UInt8(ascii: "/") else { continue }
            var cursor = open + 2
            while cursor < bytes.count, Self.isSpace(bytes[cursor]) { cursor += 1 }
            guard bytes.count - cursor >= name.count,
                name.indices.allSatisfy({ Self.asciiLowercased(bytes[cursor + $0]) == name[$0] })
            else { continue }
            cursor += name.count
            while cursor < bytes.count, Self.isSpace(bytes[cursor]) { cursor += 1 }
            if cursor < bytes.count, bytes[cursor] == UInt8(ascii: ">") { return cursor + 1 }
        }
        return bytes.count
    }

    private mutating func findLastQuotes() -> (double: Int, single: Int) {
        var found = (double: -1, single: -1)
        var index = bytes.count - 1
        while index >= 0, found.double < 0 || found.single < 0 {
            if bytes[index] == UInt8(ascii: "\""), found.double < 0 { found.double = index }
            if bytes[index] == UInt8(ascii: "'"), found.single < 0 { found.single = index }
            index -= 1
        }
        lastQuotes = found
        return found
    }

    // MARK: - Text

    /// The text in `range`, entities decoded.
    private mutating func appendText(_ range: Range<Int>) {
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: "&") {
                index = appendEntity(at: index)
            } else {
                text.append(byte)
            }
        }
    }

    /// After a `&` at `index - 1`: the entity's text, or the `&` itself when no entity follows; returns the
    /// index to go on from.
    private mutating func appendEntity(at index: Int) -> Int {
        var cursor = index
        while cursor < bytes.count, cursor - index <= 32 {
            let byte = bytes[cursor]
            if byte == UInt8(ascii: ";") {
                guard let decoded = Self.decode(String(decoding: bytes[index..<cursor], as: UTF8.self)) else { break }
                text.append(contentsOf: String(decoded).utf8)
                return cursor + 1
            }
            guard Self.isLetter(byte) || Self.isDigit(byte) || byte == UInt8(ascii: "#") else { break }
            cursor += 1
        }
        text.append(UInt8(ascii: "&"))
        return index
    }

    /// A named entity, `#123` or `#x1F600`; `nil` for anything else or for a number that is no scalar.
    private static func decode(_ name: String) -> Unicode.Scalar? {
        guard name.hasPrefix("#") else { return HTMLText.entities[name] }
        let digits = name.dropFirst()
        let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
        return value.flatMap(Unicode.Scalar.init)
    }

    // MARK: - Bytes

    private func index(of byte: UInt8, from start: Int) -> Int? {
        var index = start
        while index < bytes.count {
            if bytes[index] == byte { return index }
            index += 1
        }
        return nil
    }

    /// The first `>` at or after `start`; a search that finds none is not repeated from later indices.
    private mutating func index(ofGreaterFrom start: Int) -> Int? {
        guard start < noGreaterFrom else { return nil }
        if let found = index(of: UInt8(ascii: ">"), from: start) { return found }
        noGreaterFrom = start
        return nil
    }

    private func startsWith(_ marker: StaticString, at index: Int) -> Bool {
        let count = marker.utf8CodeUnitCount
        guard bytes.count - index >= count else { return false }
        return (0..<count).allSatisfy { bytes[index + $0] == marker.utf8Start[$0] }
    }

    private func lowercased(_ range: Range<Int>) -> String {
        String(decoding: bytes[range].map(Self.asciiLowercased), as: UTF8.self)
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    /// What Python's `\s` matches among ASCII bytes.
    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte) || (0x1C...0x1F).contains(byte)
    }

    /// The bytes a tag name stops at: `\t \n \r \f`, space, `/`, `>` and NUL.
    private static func endsTagName(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C || byte == UInt8(ascii: "/")
            || byte == UInt8(ascii: ">") || byte == 0
    }

    /// An attribute name begins only after a quote, a space or `/`.
    private static func mayPrecedeAttribute(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "/") || isSpace(byte)
    }

    private static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }
}
