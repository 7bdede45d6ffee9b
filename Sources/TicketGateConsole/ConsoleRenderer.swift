import Foundation
import HTTPTypes
import Hummingbird
import Mustache

/// Renders console pages with the console's Mustache templates. Templates only ever write a value with
/// `{{name}}`, which escapes it for HTML text and attributes (`<`, `>`, `&`, `"`, `'`); every attribute a template writes is quoted.
struct ConsoleRenderer: Sendable {
    private let library: MustacheLibrary

    init() throws {
        library = try ConsoleTemplates.library()
    }

    /// `view` through template `name` as an HTML answer.
    func page(_ name: String, _ view: Any, status: HTTPResponse.Status = .ok) -> Response {
        let html = library.render(view, withTemplate: name) ?? ""
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    /// A short answer in plain text.
    static func plain(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(
            status: status, headers: [.contentType: "text/plain; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text + "\n")))
    }
}
