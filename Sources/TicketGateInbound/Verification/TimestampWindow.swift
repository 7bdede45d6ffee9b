import Foundation
import TicketGateCore

/// Checks a signed timestamp against the gateway's clock: too far in the past is a replay, too far in the
/// future is a forgery or a broken clock.
struct TimestampWindow: Sendable {
    let unit: VerificationSettings.TimestampUnit
    let tolerance: Duration

    func check(_ text: String?, now: Date, header: String) throws(InboundError) -> Date {
        guard let text = text?.trimmingSpaces, !text.isEmpty else {
            throw InboundError(.signatureMissing, "the request has no signed timestamp (\(header))")
        }
        guard let value = Int64(text) else {
            throw InboundError(.signatureMismatch, "the signed timestamp in \(header) is not a whole number")
        }
        let seconds = unit == .milliseconds ? Double(value) / 1000 : Double(value)
        let signedAt = Date(timeIntervalSince1970: seconds)
        let limit = Double(tolerance.components.seconds) + Double(tolerance.components.attoseconds) / 1e18
        let age = now.timeIntervalSince(signedAt)
        if age > limit {
            throw InboundError(.timestampTooOld, "the signed timestamp is \(Int(age)) s old; at most \(Int(limit)) s is accepted")
        }
        if -age > limit {
            throw InboundError(.timestampInFuture, "the signed timestamp is \(Int(-age)) s in the future; at most \(Int(limit)) s is accepted")
        }
        return signedAt
    }
}
