import Foundation
import TicketGateCore

/// Delivers to Freshdesk. A new conversation is a ticket whose description is the message, or, when the
/// message is staff only, a ticket and then a private note with the message. Each create is recorded as
/// pending before it is sent; Freshdesk has no idempotency key, so an attempt that finds the ticket's create
/// pending first looks among the requester's newest tickets for the delivery's marker tag, and one that finds
/// a note pending first looks for it among the ticket's conversations. A follow-up is an incoming note by the
/// customer's contact.
struct FreshdeskClient: VendorClient {
    static let missingEmail = "Freshdesk needs the sender's email address to open a ticket for them, and the event has none"

    let requests: FreshdeskRequests
    let connection: VendorConnection

    func deliver(_ job: DeliveryJob, journal: some DeliveryJournal) async -> DeliveryOutcome {
        do {
            return .delivered(try await run(job, journal: journal))
        } catch {
            return error.outcome
        }
    }

    private func run(_ job: DeliveryJob, journal: some DeliveryJournal) async throws(DeliveryStop) -> VendorRefs {
        var refs = job.refs
        let draft = job.draft
        if refs.ticketID == nil, let ticket = job.knownTicket {
            refs.ticketID = ticket
        } else if refs.ticketID == nil {
            guard let email = draft.requester.email else { throw .permanent(.invalidRequest, Self.missingEmail) }
            if refs.pending?.resource == .ticket, let found = try await findTicket(job, email: email, journal: journal) {
                refs.ticketID = found
            } else {
                try await markPending(.ticket, in: &refs, journal: journal)
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
        let author = try await author(of: draft, refs: &refs, journal: journal)
        if refs.pending?.resource == .message, let found = try await findNote(draft.message, by: author, on: segment, journal: journal) {
            refs.messageID = found
        } else {
            try await markPending(.message, in: &refs, journal: journal)
            let request = requests.createNote(ticketSegment: segment, draft: draft, author: author.map(FreshdeskUserRef.id), files: job.files)
            refs.messageID = String(try await connection.send(request, journal: journal, as: FreshdeskCreated.self).id)
        }
        refs.pending = nil
        return refs
    }

    /// Records that a create is about to be sent, before sending it.
    private func markPending(_ resource: PendingCreate.Resource, in refs: inout VendorRefs, journal: some DeliveryJournal) async throws(DeliveryStop)
    {
        refs.pending = PendingCreate(resource, since: Date())
        try await connection.checkpoint(refs, journal: journal)
    }

    /// The requester's ticket that carries the delivery's marker tag, if an earlier attempt created one.
    private func findTicket(_ job: DeliveryJob, email: String, journal: some DeliveryJournal) async throws(DeliveryStop) -> String? {
        let tickets = try await connection.send(requests.findTickets(email: email), journal: journal, as: [FreshdeskListedTicket].self)
        let marker = FreshdeskRequests.marker(job)
        return tickets.first { $0.tags?.contains(marker) == true }.map { String($0.id) }
    }

    /// The note with the message's words and author, if an earlier attempt made it.
    private func findNote(_ text: String, by author: Int64?, on segment: String, journal: some DeliveryJournal) async throws(DeliveryStop)
        -> String?
    {
        let notes = try await connection.send(requests.findNotes(ticketSegment: segment), journal: journal, as: [FreshdeskConversation].self)
        let words = text.split(whereSeparator: \.isWhitespace)
        return notes.last { ($0.bodyText ?? "").split(whereSeparator: \.isWhitespace) == words && (author == nil || $0.userID == author) }
            .map { String($0.id) }
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
