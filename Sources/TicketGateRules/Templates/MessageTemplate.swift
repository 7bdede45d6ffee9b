import Foundation
import Mustache
import TicketGateCore

/// A `subject:` or `message:` template, or a vendor's template setting, compiled once when the rules load and
/// rendered with the normalized event as its context: as plain text (no escaping), or for JSON, where `{{name}}`
/// writes the value as the inside of a JSON string.
struct MessageTemplate: Sendable, Equatable {
    /// What the template writes, which decides how `{{name}}` escapes a value.
    enum Output: String, Sendable {
        case text = "TEXT"
        case json = "JSON"
    }

    let source: String
    let output: Output
    private let template: MustacheTemplate

    /// Compiles `source`, or throws `TemplateError` saying what is wrong and where.
    init(_ source: String, output: Output = .text) throws(TemplateError) {
        self.source = source
        self.output = output
        JSONStringContent.registered()
        let pragma = "{{% CONTENT_TYPE: \(output.rawValue)}}"
        do {
            self.template = try MustacheTemplate(string: pragma + source)
        } catch let error as MustacheTemplate.ParserError {
            let column = error.context.lineNumber == 1 ? error.context.columnNumber - pragma.count : error.context.columnNumber
            throw TemplateError(reason: Self.reason(error.error), line: error.context.lineNumber, column: max(column, 1))
        } catch {
            throw TemplateError(reason: "\(error)", line: 1, column: 1)
        }
    }

    private static func reason(_ error: any Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect?: "a section is closed with another name than it was opened with"
        case .unfinishedName?: "a tag is not closed with }}"
        case .expectedSectionEnd?: "a section is opened and never closed"
        case .invalidSetDelimiter?: "a set-delimiter tag is malformed"
        case .invalidConfigVariableSyntax?, .unrecognisedConfigVariable?: "a {{% … }} pragma is not one the gateway knows"
        default: "\(error)"
        }
    }

    /// The names the template uses that no event has (`TemplateNames`).
    var unknownNames: [String] {
        TemplateNames.unknown(in: template)
    }

    func render(_ context: [String: Any]) -> String {
        template.render(context)
    }

    static func == (lhs: MessageTemplate, rhs: MessageTemplate) -> Bool { lhs.source == rhs.source && lhs.output == rhs.output }
}

/// The `JSON` content type of templates: a value is written as the inside of a JSON string, so that
/// `"name": "{{sender.name}}"` stays JSON whatever the name holds.
private struct JSONStringContent: MustacheContentType {
    private static let registration: Void = MustacheContentTypes.register(JSONStringContent(), named: MessageTemplate.Output.json.rawValue)

    /// Registers the content type with swift-mustache, once.
    static func registered() { _ = registration }

    func escapeText(_ text: String) -> String {
        // Encoding a string cannot fail; the quotes around it are dropped.
        let quoted = (try? CompactJSONEncoder().string(text)) ?? "\"\""
        return String(quoted.dropFirst().dropLast())
    }
}

/// Why a template does not compile, at its line and column within the template.
struct TemplateError: Error, CustomStringConvertible {
    let reason: String
    let line: Int
    let column: Int

    var description: String { "\(reason) (template line \(line), column \(column))" }
}

/// What templates can refer to: the event's fields by the names the README lists.
enum TemplateContext {
    static func make(for event: InboundEvent, message: String) -> [String: Any] {
        var context: [String: Any] = [
            "source": event.source, "kind": event.kind.rawValue, "format": event.format,
            "received_at": event.receivedAt.formatted(.iso8601), "message": message,
            "sender": compact([
                "email": event.sender.email, "name": event.sender.name, "domain": event.sender.domain, "display": event.sender.displayName,
            ]),
            "fields": nestedFields(event.fields),
            "field_list": event.fields.map { compact(["name": $0.name, "label": $0.label ?? $0.name, "value": $0.value]) },
            "headers": event.headers,
            "attachments": event.attachments.map {
                compact(["name": $0.name, "content_type": $0.contentType, "size": $0.size.map(String.init), "url": $0.url])
            },
            "thread": compact([
                "message_id": event.thread.messageID, "in_reply_to": event.thread.inReplyTo, "conversation_id": event.thread.conversationID,
            ]),
        ]
        let optional: [String: String?] = [
            "subject": event.subject, "body": event.text, "full_text": event.fullText, "html": event.html, "recipient": event.recipient,
            "client_ip": event.clientIP, "provider_event_id": event.providerEventID, "transcript": event.transcript?.renderedText,
            "transcript_html": event.transcript?.renderedHTML,
        ]
        for (key, value) in optional {
            if let value { context[key] = value }
        }
        return context
    }

    private static func compact(_ values: [String: String?]) -> [String: Any] {
        values.compactMapValues { $0 }
    }

    /// `contact.phone` becomes `fields.contact.phone`; a name that is also a prefix keeps its own value.
    private static func nestedFields(_ fields: [FormField]) -> [String: Any] {
        var root: [String: Any] = [:]
        for field in fields {
            insert(field.value, at: field.name.split(separator: ".").map(String.init), into: &root)
        }
        return root
    }

    private static func insert(_ value: String, at path: [String], into node: inout [String: Any]) {
        guard let key = path.first else { return }
        if path.count == 1 {
            if node[key] == nil { node[key] = value }
            return
        }
        var child = node[key] as? [String: Any] ?? [:]
        guard node[key] == nil || node[key] is [String: Any] else { return }
        insert(value, at: Array(path.dropFirst()), into: &child)
        node[key] = child
    }
}
