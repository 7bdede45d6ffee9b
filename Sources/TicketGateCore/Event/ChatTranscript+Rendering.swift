import Foundation

extension ChatTranscript {
    private static let time: Date.ISO8601FormatStyle = .iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false)
        .timeSeparator(.colon).timeZone(separator: .omitted)

    /// The transcript for a person, one line per turn: `[time] Name (role): text`.
    package var renderedText: String {
        turns.map { turn in
            let when = turn.at.map { "[\(Self.stamp($0))] " } ?? ""
            let who = turn.name.map { "\($0) (\(turn.role.rawValue))" } ?? turn.role.rawValue
            return "\(when)\(who): \(turn.text)"
        }.joined(separator: "\n")
    }

    /// The transcript as HTML, every value escaped: one paragraph per turn.
    package var renderedHTML: String {
        let paragraphs = turns.map { turn in
            let who = HTMLText.escape(turn.name ?? turn.role.rawValue)
            let when = turn.at.map { #" <time datetime="\#($0.formatted(.iso8601))">\#(HTMLText.escape(Self.stamp($0)))</time>"# } ?? ""
            let text = HTMLText.escape(turn.text).replacingOccurrences(of: "\n", with: "<br>")
            return #"<p class="turn \#(turn.role.rawValue)"><strong>\#(who)</strong> <em>\#(turn.role.rawValue)</em>\#(when)<br>\#(text)</p>"#
        }
        return #"<div class="transcript">"# + paragraphs.joined() + "</div>"
    }

    /// The text of every turn the customer wrote, for rules that look at the body.
    package var customerText: String? {
        let texts = turns.filter { $0.role == .customer }.map(\.text).filter { !$0.isEmpty }
        return texts.isEmpty ? nil : texts.joined(separator: "\n")
    }

    private static func stamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return formatter.string(from: date)
    }
}
