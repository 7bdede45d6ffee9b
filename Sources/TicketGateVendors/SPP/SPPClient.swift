import Foundation
import TicketGateCore

/// Delivers to SPP. A new conversation: find or create the client by email, create the ticket, post its first
/// message. An event about an order (`order`) is posted to the order; one with a known ticket (a rule's
/// `reply_to`, or the conversation it continues) becomes a message on it. Each create of a ticket or message is
/// recorded as pending before it is sent, in one checkpoint with every id learned before it (the client's, the
/// ticket's): an attempt that finds a create pending (the process died, or the answer was lost) first looks for
/// what it may have made (the ticket by the event's metadata marker, the message by its text) and only creates
/// it when it is not there. The ids learned after the last create are saved when the delivery succeeds.
struct SPPClient: ResumingClient {
    static let missingEmail = "SPP needs the sender's email address to find or create the client, and the event has none"

    let requests: SPPRequests
    let connection: VendorConnection

    func run(_ job: DeliveryJob, journal: some DeliveryJournal) async throws(DeliveryStop) -> VendorRefs {
        var refs = job.refs
        let draft = job.draft
        if let order = draft.order {
            try await postMessage(job, in: .order(PercentEncoding.component(order)), refs: &refs, journal: journal)
            return refs
        }
        if refs.ticketID == nil, let ticket = job.knownTicket {
            refs.ticketID = ticket
        }
        if refs.ticketID == nil {
            let userID = try await clientID(for: draft, refs: &refs, journal: journal)
            let marker = SPPRequests.marker(for: job.eventID)
            if refs.pending?.resource == .ticket, let found = try await findTicket(of: userID, marked: marker, journal: journal) {
                refs.ticketID = found
            } else {
                try await connection.markPending(.ticket, in: &refs, journal: journal)
                let request = requests.createTicket(userID: PlannedID(userID), draft: draft, event: job.eventID)
                refs.ticketID = String(try await connection.send(request, journal: journal, as: SPPCreatedResource.self).id)
            }
            refs.pending = nil
        }
        if let ticketID = refs.ticketID {
            try await postMessage(job, in: .ticket(PercentEncoding.component(ticketID)), refs: &refs, journal: journal)
        }
        return refs
    }

    /// Posts the event's message to the ticket or order, unless an earlier attempt already did.
    private func postMessage(
        _ job: DeliveryJob, in conversation: SPPConversation, refs: inout VendorRefs, journal: some DeliveryJournal
    ) async throws(DeliveryStop) {
        guard refs.messageID == nil else { return }
        let author = try await author(for: job.draft, refs: &refs, journal: journal)
        if refs.pending?.resource == .message, let found = try await findMessage(job.draft.message, by: author, in: conversation, journal: journal) {
            refs.messageID = found
        } else {
            try await connection.markPending(.message, in: &refs, journal: journal)
            let request = requests.createMessage(in: conversation, userID: author, draft: job.draft, files: job.files)
            refs.messageID = String(try await connection.send(request, journal: journal, as: SPPCreatedResource.self).id)
        }
        refs.pending = nil
    }

    /// The client's ticket that carries the event's marker, if an earlier attempt created one.
    private func findTicket(of userID: Int, marked marker: String, journal: some DeliveryJournal) async throws(DeliveryStop) -> String? {
        let page = try await connection.send(requests.findTickets(userID: userID), journal: journal, as: SPPTicketPage.self)
        return page.data.first { $0.carries(marker) }.map { String($0.id) }
    }

    /// The newest message with the event's text and author, if an earlier attempt posted one.
    private func findMessage(
        _ text: String, by author: PlannedID?, in conversation: SPPConversation, journal: some DeliveryJournal
    ) async throws(DeliveryStop) -> String? {
        let page = try await connection.send(requests.findMessages(in: conversation), journal: journal, as: SPPMessagePage.self)
        let authorID: Int? = if case .id(let id)? = author { Int(id) } else { nil }
        return page.data.first { $0.message == text && (authorID == nil || $0.userID == authorID) }.map { String($0.id) }
    }

    /// The message's author: the client, when the event has an email to find or create them by.
    private func author(for draft: TicketDraft, refs: inout VendorRefs, journal: some DeliveryJournal) async throws(DeliveryStop) -> PlannedID? {
        if let known = refs.clientID.flatMap({ Int($0) }) { return PlannedID(known) }
        guard draft.requester.email != nil else { return nil }
        return PlannedID(try await clientID(for: draft, refs: &refs, journal: journal))
    }

    /// The client's user id: from an earlier attempt, from the lookup by email, or newly created. The lookup
    /// comes first every time, so a client created by an attempt that died is found, not created again; and
    /// lookup and create hold the address's lock, so two events from one new customer make one client.
    private func clientID(for draft: TicketDraft, refs: inout VendorRefs, journal: some DeliveryJournal) async throws(DeliveryStop) -> Int {
        if let known = refs.clientID.flatMap({ Int($0) }) { return known }
        guard let email = draft.requester.email else {
            throw .permanent(.invalidRequest, Self.missingEmail)
        }
        let id = try await connection.withLock("client:" + email.lowercased()) { () async throws(DeliveryStop) -> Int in
            let page = try await connection.send(requests.findClient(email: email), journal: journal, as: SPPClientPage.self)
            // Only an exact match counts: a page of other clients (a filter the workspace ignored) must never
            // attach the ticket to someone else.
            if let found = page.data.first(where: { $0.email?.lowercased() == email.lowercased() }) {
                return found.id
            }
            return try await connection.send(requests.createClient(draft.requester, email: email), journal: journal, as: SPPCreatedResource.self).id
        }
        refs.clientID = String(id)
        return id
    }
}
