/// What every signed-in console page shares: its title, the navigation, the session's CSRF token for the
/// forms on the page, and a notice about the action just done.
struct ConsoleFrame: Sendable {
    struct Link: Sendable {
        var href: String
        var label: String
        var current: Bool
    }

    var title: String
    var links: [Link]
    var csrf: String
    /// The page's own path and query: where an action's form comes back to.
    var here: String
    var notice: String?
    /// Every how many seconds the page offers to reload itself; `nil` on pages that do not.
    var refresh: Int?

    /// The auto-refresh period of the pages that offer it: those an operator keeps open to watch.
    static let refreshSeconds = 15

    /// The sections of the console, in the navigation's order.
    static let sections: [(href: String, label: String)] = [
        ("/console", "Overview"), ("/console/events", "Events"), ("/console/dead-letters", "Dead letters"),
        ("/console/destinations", "Destinations"), ("/console/rules", "Rules"),
    ]

    init(title: String, section: String, csrf: String, here: String, notice: String? = nil, refreshes: Bool = false) {
        self.title = title
        self.links = Self.sections.map { Link(href: $0.href, label: $0.label, current: $0.href == section) }
        self.csrf = csrf
        self.here = here
        self.notice = notice
        self.refresh = refreshes ? Self.refreshSeconds : nil
    }
}

/// A choice in a `<select>`.
struct ConsoleOption: Sendable {
    var value: String
    var label: String
    var selected: Bool
}

/// A label and its value, for a definition list.
struct ConsoleFact: Sendable {
    var label: String
    var value: String
}

/// A moment as the console shows it: text in UTC, named, and its ISO 8601 form for `<time datetime>`.
struct ConsoleTime: Sendable {
    var text: String
    var iso: String
}
