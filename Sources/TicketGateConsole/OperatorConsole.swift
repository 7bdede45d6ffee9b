import Hummingbird
import TicketGateCore

/// The operator console as a gateway serves it under `/console`, over what the gateway gives it: on when the
/// admin token is set (its sessions are signed with a key derived from it), answering 404 on every route otherwise.
package struct OperatorConsole<Context: ConsoleRequestContext>: Sendable {
    private let controller: ConsoleController<Context>

    package init(backend: any ConsoleBackend, adminToken: Secret?) throws {
        controller = ConsoleController(
            backend: backend, sessions: adminToken.flatMap { $0.isEmpty ? nil : ConsoleSessions(adminToken: $0) }, renderer: try ConsoleRenderer())
    }

    package func addRoutes(to router: Router<Context>) {
        controller.addRoutes(to: router)
    }
}
