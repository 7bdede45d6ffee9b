/// A strict local helpdesk as a journey sees it: the tickets it holds, each with its messages in order, and a
/// way to lose the answer to the next ticket it creates.
protocol HelpdeskFake: FakeVendor {
    /// Every ticket, in the order they were created, with its messages; `staffOnly` when only staff see one.
    var conversations: [(ticket: String, messages: [(text: String, staffOnly: Bool)])] { get }
    /// The next ticket is created, but its answer is lost (a 503 from a proxy in between, as a timeout would
    /// leave it): the gateway cannot know it exists.
    func loseNextCreatedTicket()
}
