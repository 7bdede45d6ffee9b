import Foundation
import TicketGateCore

/// Delivers to SPP. A new conversation: find or create the client by email, create the ticket, post its first
/// message. An event about an order (`order`) is posted to the order; one with a known ticket (a rule's
/// `reply_to`, or the conversation it continues) becomes a message on it. Each id is checkpointed as soon as
/// SPP returns it, so a retry resumes where the last attempt stopped.
struct SPPClient: VendorClient {
    static let missingEmail = "SPP needs the sender's email address to find or create the client, and the event has none"

    let requests: SPPRequests
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
        if let order = draft.order {
            if refs.messageID == nil {
                let author = try await author(for: draft, refs: &refs, journal: journal)
                let request = requests.createOrderMessage(
                    orderSegment: RequestBuilder.encodeComponent(order), userID: author, draft: draft, files: job.files)
                refs.messageID = String(try await connection.send(request, journal: journal, as: SPPCreatedResource.self).id)
            }
            return refs
        }
        if refs.ticketID == nil, let ticket = job.knownTicket {
            refs.ticketID = ticket
        }
        if refs.ticketID == nil {
            let userID = try await clientID(for: draft, refs: &refs, journal: journal)
            let request = requests.createTicket(userID: .id(userID), draft: draft)
            refs.ticketID = String(try await connection.send(request, journal: journal, as: SPPCreatedResource.self).id)
            try await connection.checkpoint(refs, journal: journal)
        }
        if refs.messageID == nil, let ticketID = refs.ticketID {
            let author = try await author(for: draft, refs: &refs, journal: journal)
            let request = requests.createMessage(
                ticketSegment: RequestBuilder.encodeComponent(ticketID), userID: author, draft: draft, files: job.files)
            refs.messageID = String(try await connection.send(request, journal: journal, as: SPPCreatedResource.self).id)
        }
        return refs
    }

    /// The message's author: the client, when the event has an email to find or create them by.
    private func author(for draft: TicketDraft, refs: inout VendorRefs, journal: some DeliveryJournal) async throws(DeliveryStop) -> SPPUserRef? {
        if let known = refs.clientID.flatMap({ Int($0) }) { return .id(known) }
        guard draft.requester.email != nil else { return nil }
        return .id(try await clientID(for: draft, refs: &refs, journal: journal))
    }

    /// The client's user id: from an earlier attempt, from the lookup by email, or newly created.
    private func clientID(for draft: TicketDraft, refs: inout VendorRefs, journal: some DeliveryJournal) async throws(DeliveryStop) -> Int {
        if let known = refs.clientID.flatMap({ Int($0) }) { return known }
        guard let email = draft.requester.email else {
            throw .permanent(.invalidRequest, Self.missingEmail)
        }
        let page = try await connection.send(requests.findClient(email: email), journal: journal, as: SPPClientPage.self)
        // Only an exact match counts: a page of other clients (a filter the workspace ignored) must never
        // attach the ticket to someone else.
        let found = page.data.first { $0.email?.lowercased() == email.lowercased() }
        let id: Int
        if let found {
            id = found.id
        } else {
            id = try await connection.send(requests.createClient(draft.requester, email: email), journal: journal, as: SPPCreatedResource.self).id
        }
        refs.clientID = String(id)
        try await connection.checkpoint(refs, journal: journal)
        return id
    }
}
