import Hummingbird
import TicketGateCore

/// `GET /healthz` (the process runs) and `GET /readyz` (the store answers, the rules are loaded, and the
/// gateway is not draining before a stop).
struct HealthController: Sendable {
    let store: any EventStore
    let runtime: GatewayRuntime

    func addRoutes(to router: Router<GatewayRequestContext>) {
        router.get("/healthz") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: .init(string: "ok\n")))
        }
        router.get("/readyz") { _, _ in
            guard !runtime.isDraining else {
                throw Problem(.serviceUnavailable, "draining", title: "Draining", detail: "the gateway is stopping")
            }
            do {
                try await store.checkReachable()
            } catch {
                throw Problem(.serviceUnavailable, "not-ready", title: "Not ready", detail: "the store does not answer")
            }
            return Response(status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: .init(string: "ready\n")))
        }
    }
}
