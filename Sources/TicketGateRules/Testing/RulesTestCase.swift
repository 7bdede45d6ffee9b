import Foundation
import TicketGateCore

/// One case of a `ticketgate test` file: an event for a source, and the decision the rules must make.
package struct RulesTestCase: Sendable {
    /// The body to post: JSON from an inline mapping, text, or the contents of a file.
    package enum Body: Sendable {
        case json(JSONValue)
        case text(String)
        case file(String)
    }

    /// What the decision must be. Only what a case names is compared.
    package struct Expectation: Sendable, Equatable {
        package var destination: String?
        package var brand: Int?
        /// One id, or the pool of a rotation.
        package var assignee: [Int]?
        package var tags: [String]?
        package var staffOnly: Bool?
        /// `true`, `false`, or the drop reason.
        package var dropped: Dropped?
        package var rules: [String]?
        package var subject: String?
        package var replyTo: String?

        package enum Dropped: Sendable, Equatable {
            case flag(Bool)
            case reason(String)
        }
    }

    package var name: String
    /// `file:line` of the case, for reports.
    package var location: String
    package var source: String
    package var body: Body
    package var contentType: String?
    package var headers: [(String, String)]
    /// When the event arrives, for rules that read `received_at` (business hours); `nil` for now.
    package var receivedAt: Date?
    package var expect: Expectation
    /// Where the case's `expect:` key is written, and where its value starts: what `test --update` rewrites.
    package var expectKey: SourceLocation?
    package var expectValue: SourceLocation?
}
