import ServiceLifecycle
import TicketGateCore

/// Runs the store's background work (`OperatorStore.maintain()`) until the gateway shuts down.
struct StoreMaintenance: Service {
    let store: any OperatorStore

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await store.maintain()
        }
        // A service that returns ends the whole gateway: a store whose work has ended waits for the shutdown.
        try? await gracefulShutdown()
    }
}
