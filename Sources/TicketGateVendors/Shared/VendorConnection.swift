import Foundation
import TicketGateCore

/// One destination's way to its vendor: the shared HTTP client, the destination's pacer, and how the vendor
/// names itself and its request ids in the audit.
struct VendorConnection: Sendable {
    let http: VendorHTTP
    let pacer: RequestPacer<ContinuousClock>
    /// The vendor's name as people write it, for failure details.
    let vendor: String
    /// The response header the vendor identifies each request with, when it has one.
    let requestIDHeader: String?
    /// The destination's name, to scope its locks.
    let destination: String

    init(destination: DestinationDefinition, http: VendorHTTP, requestIDHeader: String? = nil) {
        self.http = http
        self.pacer = http.pacers.pacer(for: destination)
        self.vendor = destination.vendor.displayName
        self.requestIDHeader = requestIDHeader
        self.destination = destination.name
    }

    /// Runs `body` while no other attempt, on any instance, holds the destination's lock on `key` (such as a
    /// customer's address).
    func withLock<T>(_ key: String, _ body: () async throws(DeliveryStop) -> T) async throws(DeliveryStop) -> T {
        do {
            return try await http.coordination.withExclusiveLock("\(destination):\(key)") { () async throws -> T in try await body() }
        } catch let stop as DeliveryStop {
            throw stop
        } catch {
            throw .retryable(.storeUnavailable, "could not take the lock on \(key): \(error)")
        }
    }

    /// Sends `request` in its turn; returns the response when it is 2xx, else stops the attempt.
    func send(_ request: VendorRequest, journal: some DeliveryJournal) async throws(DeliveryStop) -> VendorResponse {
        try await http.send(request, vendor: vendor, requestIDHeader: requestIDHeader, pacer: pacer, journal: journal)
    }

    /// Sends `request` and decodes its JSON answer as `Response`. An answer that is not the documented resource
    /// ends the attempt: retryable for a lookup, permanent for a create, which might have succeeded.
    func send<Response: Decodable>(_ request: VendorRequest, journal: some DeliveryJournal, as type: Response.Type) async throws(DeliveryStop)
        -> Response
    {
        let response = try await send(request, journal: journal)
        do {
            return try JSONDecoder().decode(Response.self, from: response.body)
        } catch {
            let detail =
                "\(vendor) answered \(response.status) to \(request.method) \(request.pathWithoutQuery) with a body that is not the documented resource"
            throw request.isIdempotent ? .retryable(.invalidResponse, detail) : .permanent(.invalidResponse, detail)
        }
    }

    /// Records that a create is about to be sent, with the ids learned so far, before sending it: an attempt
    /// that finds it pending looks for what it may have created first.
    func markPending(_ resource: PendingCreate.Resource, in refs: inout VendorRefs, journal: some DeliveryJournal) async throws(DeliveryStop) {
        refs.pending = PendingCreate(resource, since: Date())
        try await checkpoint(refs, journal: journal)
    }

    /// Saves the ids learned so far before the next request.
    func checkpoint(_ refs: VendorRefs, journal: some DeliveryJournal) async throws(DeliveryStop) {
        do {
            try await journal.checkpoint(refs)
        } catch {
            throw .retryable(.storeUnavailable, "could not record the ids \(vendor) returned: \(error)")
        }
    }
}
