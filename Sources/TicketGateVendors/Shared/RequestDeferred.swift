/// A request whose destination has no slot for it soon (a long `Retry-After` hold, a long backlog): its attempt
/// ends without using up an attempt and comes back after `delay`.
struct RequestDeferred: Error {
    let delay: Duration
}
