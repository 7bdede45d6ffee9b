import Foundation
import Hummingbird

/// The console's forms as their `application/x-www-form-urlencoded` bodies carry them.
enum ConsoleForms {
    /// `POST /console/login`.
    struct SignIn: Decodable {
        var token: String
        var next: String?
    }

    /// Every other state-changing form: the session's CSRF token, the page to come back to, and the
    /// action's own fields.
    struct Action: Decodable {
        var csrf: String?
        var back: String?
        var force: String?
        var confirmed: Int?
    }

    /// `POST /console/rules/playground`.
    struct Playground: Decodable {
        var csrf: String?
        var source: String
        var contentType: String?
        var payload: String

        private enum CodingKeys: String, CodingKey {
            case csrf, source, payload
            case contentType = "content_type"
        }
    }

    /// `POST /console/rules/preview`: rules pasted as one file.
    struct Preview: Decodable {
        var csrf: String?
        var rules: String
    }

    /// The sign-in form is read before anyone is authenticated: a few kilobytes at most.
    static let signInLimit = 4 << 10
    static let actionLimit = 16 << 10
    /// A pasted payload: the gateway's default largest hook body.
    static let playgroundLimit = 1 << 20

    /// Why a form could not be read.
    struct Refusal: Error {
        var status: HTTPResponse.Status
        var reason: String
    }

    /// Reads at most `limit` bytes of `request`'s body and decodes them as `Form`.
    static func read<Form: Decodable>(_ type: Form.Type, from request: Request, limit: Int) async throws(Refusal) -> Form {
        guard let contentType = request.headers[.contentType], MediaType(from: contentType)?.isType(.applicationUrlEncoded) == true else {
            throw Refusal(status: .unsupportedMediaType, reason: "the console's forms are sent as application/x-www-form-urlencoded")
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch {
            throw Refusal(status: .contentTooLarge, reason: "the form is larger than \(limit) bytes")
        }
        do {
            return try URLEncodedFormDecoder().decode(Form.self, from: String(buffer: buffer))
        } catch {
            throw Refusal(status: .badRequest, reason: "the form is incomplete or malformed")
        }
    }
}
