import ServiceLifecycle
import TicketGateVendors

/// Keeps the shared vendor HTTP client open while the gateway runs and shuts it down last.
struct VendorHTTPService: Service, CustomStringConvertible {
    let http: VendorHTTP

    var description: String { "VendorHTTPService" }

    func run() async throws {
        try? await gracefulShutdown()
        try await http.shutdown()
    }
}
