import Hummingbird
import TicketGateCore

/// `GET /healthz` (the process runs) and `GET /readyz` (the store answers and the rules are loaded).
struct HealthController: Sendable {
    let store: any EventStore

    func addRoutes(to router: Router<GatewayRequestContext>) {
        router.get("/healthz") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: .init(string: "ok\n")))
        }
        router.get("/readyz") { _, _ in
            do {
                try await store.checkReachable()
            } catch {
                throw Problem(.serviceUnavailable, "not-ready", title: "Not ready", detail: "the store does not answer")
            }
            return Response(status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: .init(string: "ready\n")))
        }
    }
}
