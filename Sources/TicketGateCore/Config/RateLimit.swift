/// At most `requests` requests per `period` to one destination. The gateway spaces requests evenly (a little
/// more than `period / requests` apart), so no window of that length ever holds more and a burst waits its
/// turn instead of provoking a 429.
package struct RateLimit: Sendable, Equatable, CustomStringConvertible {
    package var requests: Int
    package var period: Duration

    package init(requests: Int, per period: Duration) {
        precondition(requests > 0 && period > .zero, "a rate limit allows at least one request in a positive period")
        self.requests = requests
        self.period = period
    }

    /// The time between two requests.
    package var interval: Duration { period / requests }

    package var description: String {
        switch period {
        case .seconds(1): "\(requests)/s"
        case .seconds(60): "\(requests)/min"
        case .seconds(3600): "\(requests)/h"
        default: "\(requests) per \(period)"
        }
    }
}
