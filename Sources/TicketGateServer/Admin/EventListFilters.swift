import TicketGateCore

/// An event list's filters as the operator typed them: sent to the admin API as its query parameters, or,
/// for a local database, read the way the admin API reads those parameters.
package struct EventListFilters: Sendable {
    /// A delivery's status, `dropped` or `unrouted`.
    package var status: String?
    package var source: String?
    package var destination: String?
    package var rule: String?
    /// Text in the sender (name or address) or the subject.
    package var text: String?
    /// ISO 8601 dates or times.
    package var since: String?
    package var until: String?
    package var limit: Int?
    package var cursor: String?

    package init() {}

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
package struct InvalidEventFilter: OperatorFacingError {
    package let description: String
}
