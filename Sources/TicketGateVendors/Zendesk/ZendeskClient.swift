import Foundation
import TicketGateCore

/// Delivers to Zendesk. A new conversation is one ticket whose first comment is the message: its files
/// uploaded first, the create recorded as pending before it is sent and sent with an `Idempotency-Key`; an
/// attempt that finds the create pending first looks for the ticket by the delivery's `external_id`. A
/// follow-up (a rule's `reply_to`, or the conversation's ticket) is a comment by the ticket's requester when the
/// event comes from their address, else an internal note; an attempt that finds that comment pending first
/// looks for it among the ticket's newest comments.
struct ZendeskClient: ResumingClient {
    let requests: ZendeskRequests
    let connection: VendorConnection

    func run(_ job: DeliveryJob, journal: some DeliveryJournal) async throws(DeliveryStop) -> VendorRefs {
        var refs = job.refs
        if refs.ticketID == nil, let ticket = job.knownTicket {
            refs.ticketID = ticket
        } else if refs.ticketID == nil {
            if refs.pending?.resource == .ticket, let found = try await findTicket(job, journal: journal) {
                refs.ticketID = found
            } else {
                let uploads = try await upload(job.files, journal: journal)
                try await connection.markPending(.ticket, in: &refs, journal: journal)
                let created = try await connection.send(requests.createTicket(job, uploads: uploads), journal: journal, as: ZendeskCreatedTicket.self)
                refs.ticketID = String(created.ticket.id)
            }
            refs.pending = nil
            return refs
        }
        guard refs.messageID == nil, let ticket = refs.ticketID else { return refs }
        let segment = PercentEncoding.component(ticket)
        let author = try await author(of: job.draft, on: segment, refs: &refs, journal: journal)
        if let pending = refs.pending, pending.resource == .message,
            let found = try await findComment(job.draft.message, by: author, since: pending, on: segment, journal: journal)
        {
            refs.messageID = found
        } else {
            let uploads = try await upload(job.files, journal: journal)
            try await connection.markPending(.message, in: &refs, journal: journal)
            let request = requests.addComment(ticketSegment: segment, draft: job.draft, author: author.map(PlannedID.init), uploads: uploads)
            let answer = try await connection.send(request, journal: journal, as: ZendeskUpdateAnswer.self)
            refs.messageID = answer.commentID.map(String.init) ?? "comment on ticket \(ticket)"
        }
        refs.pending = nil
        return refs
    }

    /// The upload tokens of the files that came with the event.
    private func upload(_ files: [Attachment], journal: some DeliveryJournal) async throws(DeliveryStop) -> [String] {
        var tokens: [String] = []
        for file in files {
            guard let data = file.data else { continue }
            tokens.append(try await connection.send(requests.upload(file, bytes: Data(data)), journal: journal, as: ZendeskUpload.self).upload.token)
        }
        return tokens
    }

    /// The ticket an earlier attempt of this delivery created, by its `external_id`.
    private func findTicket(_ job: DeliveryJob, journal: some DeliveryJournal) async throws(DeliveryStop) -> String? {
        let list = try await connection.send(requests.findTickets(job), journal: journal, as: ZendeskTicketList.self)
        let externalID = ZendeskRequests.externalID(job)
        return list.tickets.first { $0.externalID == externalID }.map { String($0.id) }
    }

    /// The newest comment made since the pending mark with the message's words (Zendesk keeps them with white
    /// space collapsed) and, when known, its author, if an earlier attempt made it.
    private func findComment(
        _ text: String, by author: Int?, since pending: PendingCreate, on segment: String, journal: some DeliveryJournal
    ) async throws(DeliveryStop) -> String? {
        let list = try await connection.send(requests.findComments(ticketSegment: segment), journal: journal, as: ZendeskCommentList.self)
        let words = Self.words(text)
        return list.comments.first { comment in
            CreatedSince.allows(comment.createdAt, since: pending) && Self.words(comment.body ?? "") == words
                && (author == nil || comment.authorID == author)
        }.map { String($0.id) }
    }

    static func words(_ text: String) -> [Substring] {
        text.split(whereSeparator: \.isWhitespace)
    }

    /// The ticket's requester, when the event comes from their address: the follow-up is then their comment.
    /// From anyone else (or an event without an address) it is an internal note by the API's agent.
    private func author(of draft: TicketDraft, on segment: String, refs: inout VendorRefs, journal: some DeliveryJournal) async throws(DeliveryStop)
        -> Int?
    {
        if let known = refs.clientID.flatMap({ Int($0) }) { return known }
        guard let email = draft.requester.email else { return nil }
        let ticket = try await connection.send(requests.showTicket(ticketSegment: segment), journal: journal, as: ZendeskTicketWithUsers.self)
        let found = ticket.requester(withEmail: email)
        refs.clientID = found.map(String.init)
        return found
    }
}
