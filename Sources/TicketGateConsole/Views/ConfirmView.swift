/// The confirmation before retrying every failed and dead delivery of a destination.
struct ConfirmView: Sendable {
    var frame: ConsoleFrame
    var question: String
    var action: String
    var count: Int
    var button: String
    var back: String

    func withHere(_ here: String) -> ConfirmView {
        var view = self
        view.frame.here = here
        return view
    }
}
