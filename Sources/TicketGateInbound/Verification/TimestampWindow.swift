import Foundation
import TicketGateCore

/// Checks a signed timestamp against the gateway's clock: too far in the past is a replay, too far in the
/// future is a forgery or a broken clock. The timestamp is a whole number of the sender's choosing, so the
/// arithmetic is done in milliseconds with overflow reported, never trapped.
struct TimestampWindow: Sendable {
    let unit: VerificationSettings.TimestampUnit
    let tolerance: Duration

    /// The signed time, or the check that failed.
    func check(_ text: String?, now: Date, header: String) throws(InboundError) -> Date {
        guard let text = text?.trimmingSpaces, !text.isEmpty else {
            throw InboundError(.signatureMissing, "the request has no signed timestamp (\(header))")
        }
        guard let value = Int64(text) else {
            throw InboundError(.signatureMismatch, "the signed timestamp in \(header) is not a whole number")
        }
        let limit = Self.milliseconds(tolerance)
        let tooOld = InboundError(.timestampTooOld, "the signed timestamp is too old; at most \(limit / 1000) s is accepted")
        let inFuture = InboundError(.timestampInFuture, "the signed timestamp is too far in the future; at most \(limit / 1000) s is accepted")
        let signed = value.multipliedReportingOverflow(by: unit == .milliseconds ? 1 : 1000)
        guard !signed.overflow else { throw value < 0 ? tooOld : inFuture }
        let nowMilliseconds = Int64((now.timeIntervalSince1970 * 1000).rounded())
        let age = nowMilliseconds.subtractingReportingOverflow(signed.partialValue)
        guard !age.overflow else { throw signed.partialValue < 0 ? tooOld : inFuture }
        if age.partialValue > limit {
            throw InboundError(.timestampTooOld, "the signed timestamp is \(age.partialValue / 1000) s old; at most \(limit / 1000) s is accepted")
        }
        if age.partialValue < -limit {
            throw InboundError(
                .timestampInFuture, "the signed timestamp is \(-age.partialValue / 1000) s in the future; at most \(limit / 1000) s is accepted")
        }
        return Date(timeIntervalSince1970: Double(signed.partialValue) / 1000)
    }

    /// A tolerance in whole milliseconds; the rules hold tolerances to at most a day.
    private static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds.multipliedReportingOverflow(by: 1000).overflow ? .max : seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
