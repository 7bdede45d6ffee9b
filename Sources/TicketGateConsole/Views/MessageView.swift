/// A page that only says something.
struct MessageView: Sendable {
    var frame: ConsoleFrame
    var kind: String
    var text: String
    var back: String?
}
