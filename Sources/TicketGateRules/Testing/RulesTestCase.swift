import TicketGateCore

/// One case of a `ticketgate test` file: an event for a source, and the decision the rules must make.
public struct RulesTestCase: Sendable {
    /// The body to post: JSON from an inline mapping, text, or the contents of a file.
    public enum Body: Sendable {
        case json(JSONValue)
        case text(String)
        case file(String)
    }

    /// What the decision must be. Only what a case names is compared.
    public struct Expectation: Sendable, Equatable {
        public var destination: String?
        public var brand: Int?
        /// One id, or the pool of a rotation.
        public var assignee: [Int]?
        public var tags: [String]?
        public var staffOnly: Bool?
        /// `true`, `false`, or the drop reason.
        public var dropped: Dropped?
        public var rules: [String]?
        public var subject: String?
        public var replyTo: String?

        public enum Dropped: Sendable, Equatable {
            case flag(Bool)
            case reason(String)
        }
    }

    public var name: String
    /// `file:line` of the case, for reports.
    public var location: String
    public var source: String
    public var body: Body
    public var contentType: String?
    public var headers: [(String, String)]
    public var expect: Expectation
}
