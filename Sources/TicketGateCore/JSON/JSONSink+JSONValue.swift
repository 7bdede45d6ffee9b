extension JSONSink {
    /// Writes an open value directly, without `Codable`: audit details are built of these. Object keys are
    /// sorted, so the same detail is always the same text.
    func writeJSON(_ value: JSONValue) throws {
        switch value {
        case .null: writeNull()
        case .bool(let flag): writeBool(flag)
        case .int(let number): writeInteger(number)
        case .double(let number): try writeNumber(number)
        case .string(let text): writeString(text)
        case .array(let items):
            bytes.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                try writeJSON(item)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let members):
            try writeJSON(members)
        }
    }

    func writeJSON(_ members: [String: JSONValue]) throws {
        bytes.append(UInt8(ascii: "{"))
        for (index, member) in members.sorted(by: { $0.key < $1.key }).enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            writeString(member.key)
            bytes.append(UInt8(ascii: ":"))
            try writeJSON(member.value)
        }
        bytes.append(UInt8(ascii: "}"))
    }
}
