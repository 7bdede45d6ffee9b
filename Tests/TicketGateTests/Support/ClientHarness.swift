import Logging
import Testing
import TicketGateCore
import TicketGateVendors

/// Runs vendor clients on their own, outside a gateway, against the fakes.
enum ClientHarness {
    /// Runs `body` with the client of `destination`, and the log lines written meanwhile.
    static func withClient<T: Sendable>(
        _ destination: DestinationDefinition,
        timeout: Duration = .seconds(5),
        logs: LogRecorder = LogRecorder(),
        _ body: @Sendable (any VendorClient) async throws -> T
    ) async throws -> T {
        let http = VendorHTTP(timeout: timeout, logger: logs.logger)
        let client = try #require(VendorClients(destinations: [destination.name: destination], http: http).client(for: destination.name))
        do {
            let result = try await body(client)
            try await http.shutdown()
            return result
        } catch {
            try await http.shutdown()
            throw error
        }
    }

    static func job(_ draft: TicketDraft, refs: VendorRefs = VendorRefs(), files: [TicketGateCore.Attachment] = []) -> DeliveryJob {
        DeliveryJob(id: 1, eventID: EventID(rawValue: "event-1"), draft: draft, attempt: 1, refs: refs, files: files)
    }
}
