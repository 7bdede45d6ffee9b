import Foundation
import TicketGateCore

/// The last check of a normalized event: every value in it is one the store and the vendors can hold. A
/// provider's number can read as infinity or NaN (`"1e999"`, `"NaN"`), or as a time thousands of years away;
/// such an event is refused as `invalidField` here rather than failing to store. A sender address with a control
/// character (a NUL, a line break) would reach a vendor's client lookup and is refused too.
enum StorableEvent {
    /// The earliest and latest times an event may carry, in seconds since 1970: the years 1 to 9999.
    static let secondsRange = -62_135_596_800.0...253_402_300_799.0

    static func check(_ event: InboundEvent) throws(InboundError) {
        try checkTime(event.occurredAt, "the event's time")
        for turn in event.transcript?.turns ?? [] {
            try checkTime(turn.at, "a chat turn's time")
        }
        if let score = event.signals?.score, !score.isFinite {
            throw InboundError(.invalidField, "the spam score is not a finite number")
        }
        if let email = event.sender.email, email.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw InboundError(.invalidField, "the sender's email holds a control character")
        }
    }

    private static func checkTime(_ date: Date?, _ what: String) throws(InboundError) {
        guard let date else { return }
        // A range test on the number itself: `Date`'s comparisons hold NaN inside every range.
        guard secondsRange.contains(date.timeIntervalSince1970) else {
            throw InboundError(.invalidField, "\(what) is not a time between the years 1 and 9999")
        }
    }
}
