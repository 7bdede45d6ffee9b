import TicketGateCore

/// An event list's filters as the operator typed them: sent to the admin API as its query parameters, or,
/// for a local database, read the way the admin API reads those parameters.
public struct EventListFilters: Sendable {
    /// A delivery's status, `dropped` or `unrouted`.
    public var status: String?
    public var source: String?
    public var destination: String?
    public var rule: String?
    /// Text in the sender (name or address) or the subject.
    public var text: String?
    /// ISO 8601 dates or times.
    public var since: String?
    public var until: String?
    public var limit: Int?
    public var cursor: String?

    public init() {}

    /// The admin API's query parameters, `nil` where a filter is not set.
    var parameters: [(String, String?)] {
        [
            ("status", status), ("source", source), ("destination", destination), ("rule", rule), ("text", text), ("since", since), ("until", until),
            ("limit", limit.map(String.init)), ("cursor", cursor),
        ]
    }

    /// The store's query; throws `InvalidEventFilter` naming the filter that does not parse.
    func eventQuery() throws(InvalidEventFilter) -> EventQuery {
        let set = parameters.compactMap { name, value in value.map { (name, $0) } }
        do {
            return try AdminQuery(Dictionary(set, uniquingKeysWith: { _, last in last })).eventQuery()
        } catch {
            throw InvalidEventFilter(description: error.detail)
        }
    }
}

/// A filter of `ticketgate events list` that does not parse, in the admin API's words.
public struct InvalidEventFilter: OperatorFacingError {
    public let description: String
}
