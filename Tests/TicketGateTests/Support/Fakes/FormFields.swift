import Foundation

@testable import TicketGateInbound

/// The text fields of a multipart body, read with the checks Omnidesk's specification documents.
struct FormFields {
    private(set) var values: [String: String] = [:]
    private(set) var names: [String] = []
    private(set) var problems: [String] = []

    init(_ form: FormData) {
        for part in form.parts {
            if part.isFile { problems.append("\(part.name) must not be a file") }
            if values[part.name] != nil, !part.name.hasSuffix("[]") { problems.append("\(part.name) appears twice") }
            values[part.name] = part.text
            names.append(part.name)
        }
    }

    mutating func fail(_ problem: String) {
        problems.append(problem)
    }

    mutating func text(_ name: String, required: Bool = false, minimum: Int = 0, pattern: String? = nil) -> String? {
        guard let value = values[name] else {
            if required { fail("\(name) is required") }
            return nil
        }
        if value.count < minimum { fail("\(name) must be at least \(minimum) characters") }
        if let pattern, value.range(of: pattern, options: .regularExpression) == nil { fail("\(name) must match \(pattern)") }
        return value
    }

    mutating func number(_ name: String, required: Bool = false) -> Int? {
        guard let text = text(name, required: required) else { return nil }
        guard let number = Int(text), number >= 0 else {
            fail("\(name) must be a number")
            return nil
        }
        return number
    }
}
