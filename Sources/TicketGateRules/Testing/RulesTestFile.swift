import Foundation
import TicketGateCore
import Yams

/// Reads a `ticketgate test` case file:
///
/// ```yaml
/// cases:
///   - name: billing questions go to the billing queue
///     source: website
///     body: { email: jane@example.com, subject: Refund for invoice 7, message: Hi }
///     received_at: 2026-12-05T10:00:00+01:00   # optional: when the event arrives (RFC 3339, with its zone)
///     expect: { destination: helpdesk, tags: [inbound, billing], assignee: 17 }
/// ```
package enum RulesTestFile {
    static let caseKeys = ["name", "source", "body", "body_file", "content_type", "headers", "received_at", "expect"]
    static let expectKeys = [
        "destination", "brand", "assignee", "tags", "staff_only", "visible_to_customer", "dropped", "rules", "subject", "reply_to",
    ]

    package static func parse(_ file: RulesFile) throws(RulesLoadError) -> [RulesTestCase] {
        var diagnostics = Diagnostics()
        let values = ValueReader(environment: [:])
        let root: Node?
        do {
            root = try Yams.compose(yaml: file.contents)
        } catch {
            let syntax = YAMLSyntaxError(error, in: file)
            throw RulesLoadError(problems: [RulesProblem(.error, syntax.message, at: syntax.location)])
        }
        let top = ConfigNode(node: root ?? Node(""), file: file.path)
        var cases: [RulesTestCase] = []
        if let map = MappingReader(top, what: "a test file", allowed: ["cases"], diagnostics: &diagnostics),
            let list = map.required("cases", what: "a test file", diagnostics: &diagnostics)
        {
            if let items = list.items {
                cases = items.compactMap { parseCase($0, values: values, diagnostics: &diagnostics) }
            } else {
                diagnostics.error("cases must be a list", at: list)
            }
        }
        if diagnostics.hasErrors { throw RulesLoadError(problems: diagnostics.problems) }
        return cases
    }

    private static func parseCase(_ node: ConfigNode, values: ValueReader, diagnostics: inout Diagnostics) -> RulesTestCase? {
        guard let map = MappingReader(node, what: "a case", allowed: caseKeys, diagnostics: &diagnostics) else { return nil }
        let name = map.required("name", what: "a case", diagnostics: &diagnostics).flatMap {
            values.nonEmptyString($0, what: "name", diagnostics: &diagnostics)
        }
        let source = map.required("source", what: "a case", diagnostics: &diagnostics).flatMap {
            values.nonEmptyString($0, what: "source", diagnostics: &diagnostics)
        }
        let body: RulesTestCase.Body?
        switch (map["body"], map["body_file"]) {
        case (let inline?, nil):
            body = inline.scalarText.map { .text($0) } ?? .json(json(inline.node))
        case (nil, let path?):
            body = values.nonEmptyString(path, what: "body_file", diagnostics: &diagnostics).map { relative in
                .file(
                    relative.hasPrefix("/")
                        ? relative : ((node.file as NSString).deletingLastPathComponent as NSString).appendingPathComponent(relative))
            }
        default:
            diagnostics.error("a case needs one of body and body_file", at: node)
            body = nil
        }
        let headers =
            map["headers"].flatMap { $0.entries }?.compactMap { entry -> (String, String)? in
                guard let name = entry.key.scalarText, let value = entry.value.scalarText else { return nil }
                return (name, value)
            } ?? []
        var receivedAt: Date?
        if let node = map["received_at"], let text = values.nonEmptyString(node, what: "received_at", diagnostics: &diagnostics) {
            receivedAt = RFC3339Time.parse(text)
            if receivedAt == nil {
                diagnostics.error(
                    "received_at must be an RFC 3339 time with its zone, such as 2026-12-05T10:00:00+01:00 or 2026-12-05T09:00:00Z", at: node)
            }
        }
        let expect = map.required("expect", what: "a case", diagnostics: &diagnostics).flatMap {
            parseExpectation($0, values: values, diagnostics: &diagnostics)
        }
        guard let name, let source, let body, let expect else { return nil }
        let expectEntry = node.entries?.first { $0.key.scalarText == "expect" }
        return RulesTestCase(
            name: name, location: "\(node.file):\(node.location.line)", source: source, body: body,
            contentType: map["content_type"].flatMap(\.scalarText), headers: headers, receivedAt: receivedAt, expect: expect,
            expectKey: expectEntry?.key.location, expectValue: expectEntry?.value.location
        )
    }

    private static func parseExpectation(_ node: ConfigNode, values: ValueReader, diagnostics: inout Diagnostics) -> RulesTestCase.Expectation? {
        guard let map = MappingReader(node, what: "expect", allowed: expectKeys, diagnostics: &diagnostics) else { return nil }
        var expect = RulesTestCase.Expectation()
        expect.destination = map["destination"].flatMap { values.string($0, what: "destination", diagnostics: &diagnostics) }
        expect.brand = map["brand"].flatMap { values.int($0, what: "brand", diagnostics: &diagnostics) }
        if let assignee = map["assignee"] {
            expect.assignee = (assignee.items ?? [assignee]).compactMap { values.int($0, what: "assignee", diagnostics: &diagnostics) }
        }
        expect.tags = map["tags"].flatMap { values.stringList($0, what: "tags", diagnostics: &diagnostics) }
        expect.rules = map["rules"].flatMap { values.stringList($0, what: "rules", diagnostics: &diagnostics) }
        expect.subject = map["subject"].flatMap { values.string($0, what: "subject", diagnostics: &diagnostics) }
        expect.replyTo = map["reply_to"].flatMap { values.string($0, what: "reply_to", diagnostics: &diagnostics) }
        expect.staffOnly =
            map["staff_only"].flatMap { values.bool($0, what: "staff_only", diagnostics: &diagnostics) }
            ?? map["visible_to_customer"].flatMap { values.bool($0, what: "visible_to_customer", diagnostics: &diagnostics) }.map { !$0 }
        if let dropped = map["dropped"], let text = values.string(dropped, what: "dropped", diagnostics: &diagnostics) {
            switch text.lowercased() {
            case "true": expect.dropped = .flag(true)
            case "false": expect.dropped = .flag(false)
            default: expect.dropped = .reason(text)
            }
        }
        return expect
    }

    /// A YAML value as JSON: mappings, lists, and scalars by their YAML type.
    static func json(_ node: Node) -> JSONValue {
        switch node {
        case .mapping(let mapping):
            var object: [String: JSONValue] = [:]
            for (key, value) in mapping {
                if let name = key.string { object[name] = json(value) }
            }
            return .object(object)
        case .sequence(let sequence):
            return .array(sequence.map(json))
        case .scalar(let scalar):
            // The type YAML resolves for the scalar: quoted values stay strings.
            switch node.tag.rawValue {
            case Tag.Name.null.rawValue: return .null
            case Tag.Name.bool.rawValue: return node.bool.map(JSONValue.bool) ?? .string(scalar.string)
            case Tag.Name.int.rawValue: return node.int.map { .int(Int64($0)) } ?? .string(scalar.string)
            case Tag.Name.float.rawValue: return node.float.map(JSONValue.double) ?? .string(scalar.string)
            default: return .string(scalar.string)
            }
        case .alias:
            return .null
        }
    }
}
