/// A request's turn at its destination, as the coordination's schedule gives it.
package enum RequestTurn: Sendable, Equatable {
    /// The request has its slot: it goes after this wait (zero for now).
    case granted(wait: Duration)
    /// The destination's next slot is further off than the request may wait (a long `Retry-After`, a long
    /// backlog): no slot was taken, and the request should come back after this.
    case deferred(for: Duration)
}
