import Foundation
import TicketGateCore

/// The client of a destination without credentials: writes each request it would send to the audit.
struct DryRunClient: VendorClient {
    let planner: any VendorPlanner

    func deliver(_ job: DeliveryJob, journal: some DeliveryJournal) async -> DeliveryOutcome {
        switch planner.plan(job) {
        case .failure(let failure):
            return .permanent(failure)
        case .success(let requests):
            let now = Date()
            for request in requests {
                journal.note(Self.record(request, at: now))
            }
            return .dryRun
        }
    }

    static func record(_ request: RenderedRequest, at date: Date) -> AuditRecord {
        let when = request.condition.map { " (\($0))" } ?? ""
        return AuditRecord(
            stage: .dryRun, at: date, summary: "would send \(request.method) \(request.url)\(when)", detail: DryRunRecord(request).detail)
    }
}

/// How a planner names the ticket a message goes to in a path.
enum PlannedTicket {
    /// The known ticket, percent-encoded; the placeholder of a dry-run conversation's ticket; or `nil` when the
    /// delivery opens a new one.
    static func segment(for job: DeliveryJob) -> String? {
        if let ticket = job.knownTicket { return PercentEncoding.component(ticket) }
        return job.dryRunOpener.map { "{id of the ticket created for event \($0)}" }
    }
}
