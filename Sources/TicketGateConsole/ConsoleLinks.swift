import TicketGateCore

/// The console's own URLs. Every value from an event or a request that goes into one is percent-encoded
/// here; the template then escapes the whole URL for its attribute.
enum ConsoleLinks {
    static func event(_ id: EventID) -> String {
        "/console/events/" + PercentEncoding.component(id.rawValue)
    }

    /// The events list with `parameters` as its filter, in the order given, empty values left out.
    static func events(_ parameters: [(String, String?)]) -> String {
        let query = parameters.compactMap { name, value in
            value.flatMap { $0.isEmpty ? nil : name + "=" + PercentEncoding.component($0) }
        }
        return query.isEmpty ? "/console/events" : "/console/events?" + query.joined(separator: "&")
    }

    static func retryDelivery(_ id: Int64) -> String { "/console/deliveries/\(id)/retry" }
    static func replay(_ id: EventID) -> String { event(id) + "/replay" }
    static func destination(_ name: String, _ action: String) -> String {
        "/console/destinations/" + PercentEncoding.component(name) + "/" + action
    }

    /// `uri` when it is a console page to come back to after signing in: a path under `/console` on this
    /// origin, without control characters and at most 2,048 characters long; `nil` otherwise.
    static func returnPath(_ uri: String) -> String? {
        guard uri.utf8.count <= 2048, uri == "/console" || uri.hasPrefix("/console/") || uri.hasPrefix("/console?"),
            !uri.contains("\\"), !uri.contains("//"), !ControlCharacters.contains(uri), !uri.hasPrefix("/console/login")
        else { return nil }
        return uri
    }
}
