import Foundation
import TicketGateCore

/// Delivers to Freshdesk. A new conversation is a ticket whose description is the message, or, when the
/// message is staff only, a ticket and then a private note with the message. Each create is recorded as
/// pending before it is sent; Freshdesk has no idempotency key, so an attempt that finds the ticket's create
/// pending first looks among the requester's newest tickets for the delivery's marker tag, and one that finds
/// a note pending first looks for it among the ticket's conversations. A follow-up is an incoming note by the
/// customer's contact.
struct FreshdeskClient: ResumingClient {
    static let missingEmail = "Freshdesk needs the sender's email address to open a ticket for them, and the event has none"

    let requests: FreshdeskRequests
    let connection: VendorConnection

    func run(_ job: DeliveryJob, journal: some DeliveryJournal) async throws(DeliveryStop) -> VendorRefs {
        var refs = job.refs
        let draft = job.draft
        if refs.ticketID == nil, let ticket = job.knownTicket {
            refs.ticketID = ticket
        } else if refs.ticketID == nil {
            guard let email = draft.requester.email else { throw .permanent(.invalidRequest, Self.missingEmail) }
            if let pending = refs.pending, pending.resource == .ticket,
                let found = try await findTicket(job, email: email, since: pending, journal: journal)
            {
                refs.ticketID = found
            } else {
                try await connection.markPending(.ticket, in: &refs, journal: journal)
                let created = try await connection.send(requests.createTicket(job, email: email), journal: journal, as: FreshdeskCreated.self)
                refs.ticketID = String(created.id)
                refs.clientID = created.requesterID.map { String($0) }
            }
            refs.pending = nil
            // The description is the message, unless it is staff only.
            guard draft.staffOnly else { return refs }
            try await connection.checkpoint(refs, journal: journal)
        }
        guard refs.messageID == nil, let ticket = refs.ticketID else { return refs }
        let segment = PercentEncoding.component(ticket)
        // A private note is the API agent's; only a customer's note names its contact.
        let author = draft.staffOnly ? nil : try await author(of: draft, refs: &refs, journal: journal)
        if let pending = refs.pending, pending.resource == .message,
            let found = try await findNote(draft.message, by: author, since: pending, on: segment, journal: journal)
        {
            refs.messageID = found
        } else {
            try await connection.markPending(.message, in: &refs, journal: journal)
            let request = requests.createNote(ticketSegment: segment, draft: draft, author: author.map(PlannedID.id), files: job.files)
            refs.messageID = String(try await connection.send(request, journal: journal, as: FreshdeskCreated.self).id)
        }
        refs.pending = nil
        return refs
    }

    /// The requester's ticket made since the pending mark that carries the delivery's marker tag, if an earlier
    /// attempt created one. The list names no tags, so each ticket made since is read (one, as a rule).
    private func findTicket(_ job: DeliveryJob, email: String, since pending: PendingCreate, journal: some DeliveryJournal) async throws(DeliveryStop)
        -> String?
    {
        let listed = try await connection.send(requests.findTickets(email: email), journal: journal, as: [FreshdeskTicket].self)
        let marker = DeliveryDigest.marker(job)
        for candidate in listed where CreatedSince.allows(candidate.createdAt, since: pending) {
            let ticket = try await connection.send(requests.showTicket(id: candidate.id), journal: journal, as: FreshdeskTicket.self)
            if ticket.tags?.contains(marker) == true { return String(ticket.id) }
        }
        return nil
    }

    /// The most pages of conversations read to find a note.
    static let maximumPages = 20

    /// The note made since the pending mark with the message's words and, when known, its author, if an earlier
    /// attempt made it; the conversations are read page by page, oldest first.
    private func findNote(_ text: String, by author: Int64?, since pending: PendingCreate, on segment: String, journal: some DeliveryJournal)
        async throws(DeliveryStop) -> String?
    {
        let words = text.split(whereSeparator: \.isWhitespace)
        var found: String?
        for page in 1...Self.maximumPages {
            let notes = try await connection.send(
                requests.findConversations(ticketSegment: segment, page: page), journal: journal, as: [FreshdeskConversation].self)
            for note in notes
            where CreatedSince.allows(note.createdAt, since: pending) && (note.bodyText ?? "").split(whereSeparator: \.isWhitespace) == words
                && (author == nil || note.userID == author)
            {
                found = String(note.id)
            }
            if notes.count < FreshdeskRequests.pageSize { break }
        }
        return found
    }

    /// The customer's contact id: the requester of the ticket just created, or found by the event's email.
    private func author(of draft: TicketDraft, refs: inout VendorRefs, journal: some DeliveryJournal) async throws(DeliveryStop) -> Int64? {
        if let known = refs.clientID.flatMap({ Int64($0) }) { return known }
        guard let email = draft.requester.email else { return nil }
        let contacts = try await connection.send(requests.findContact(email: email), journal: journal, as: [FreshdeskContact].self)
        let found = contacts.first { $0.email?.lowercased() == email.lowercased() }?.id
        refs.clientID = found.map { String($0) }
        return found
    }
}
