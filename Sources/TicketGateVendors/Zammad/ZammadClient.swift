import Foundation
import TicketGateCore

/// Delivers to Zammad. A new conversation is one ticket with the message as its first article; a follow-up
/// is an article of the conversation's ticket. Each create is recorded as pending before it is sent; Zammad
/// has no idempotency key, so an attempt that finds a ticket's create pending first searches for the
/// delivery's marker tag, and one that finds an article pending first looks for it among the ticket's
/// articles.
struct ZammadClient: ResumingClient {
    static let missingEmail = "Zammad needs the sender's email address to find or create the customer, and the event has none"
    static let unknownTicket = "the ticket the event answers is not a Zammad ticket id"

    let requests: ZammadRequests
    let connection: VendorConnection

    func run(_ job: DeliveryJob, journal: some DeliveryJournal) async throws(DeliveryStop) -> VendorRefs {
        var refs = job.refs
        if refs.ticketID == nil, let ticket = job.knownTicket {
            refs.ticketID = ticket
        } else if refs.ticketID == nil {
            guard let email = job.draft.requester.email else { throw .permanent(.invalidRequest, Self.missingEmail) }
            if refs.pending?.resource == .ticket, let found = try await findTicket(job, journal: journal) {
                refs.ticketID = found
            } else {
                try await connection.markPending(.ticket, in: &refs, journal: journal)
                refs.ticketID = String(
                    try await connection.send(requests.createTicket(job, email: email), journal: journal, as: ZammadCreated.self).id)
            }
            refs.pending = nil
            return refs
        }
        guard refs.messageID == nil, let ticket = refs.ticketID else { return refs }
        guard let id = Int(ticket) else { throw .permanent(.invalidRequest, Self.unknownTicket) }
        if let pending = refs.pending, pending.resource == .message,
            let found = try await findArticle(of: job.draft, on: id, since: pending, journal: journal)
        {
            refs.messageID = found
        } else {
            try await connection.markPending(.message, in: &refs, journal: journal)
            let request = requests.createArticle(ticket: PlannedID(id), draft: job.draft, files: job.files)
            refs.messageID = String(try await connection.send(request, journal: journal, as: ZammadCreated.self).id)
        }
        refs.pending = nil
        return refs
    }

    /// The ticket tagged with the delivery's marker, if an earlier attempt created one: each ticket the search
    /// answers is confirmed by its own tags, so an instance that answered the condition loosely finds nothing.
    private func findTicket(_ job: DeliveryJob, journal: some DeliveryJournal) async throws(DeliveryStop) -> String? {
        let marker = DeliveryDigest.marker(job)
        for id in try await connection.send(requests.findTickets(job), journal: journal, as: ZammadSearchResult.self).ids.prefix(5) {
            let tags = try await connection.send(requests.tags(ofTicket: id), journal: journal, as: ZammadTags.self).tags
            if tags.contains(where: { $0.lowercased() == marker }) { return String(id) }
        }
        return nil
    }

    /// The newest article made since the pending mark with the message's words and visibility, if an earlier
    /// attempt made it. Zammad may write the HTML it keeps differently, so the words between the tags are
    /// compared.
    private func findArticle(of draft: TicketDraft, on ticket: Int, since pending: PendingCreate, journal: some DeliveryJournal)
        async throws(DeliveryStop) -> String?
    {
        let articles = try await connection.send(
            requests.findArticles(ticketSegment: String(ticket)), journal: journal, as: [ZammadListedArticle].self)
        let words = Self.words(ofHTML: HTMLText.paragraphs(draft.message))
        return articles.last { article in
            CreatedSince.allows(article.createdAt, since: pending) && (article.isInternal ?? false) == draft.staffOnly
                && Self.words(ofHTML: article.body ?? "") == words
        }.map { String($0.id) }
    }

    /// The words of an HTML body, its tags taken for spaces.
    static func words(ofHTML html: String) -> [Substring] {
        html.replacing(/<[^>]*>/, with: " ").split(whereSeparator: \.isWhitespace)
    }
}
