import Foundation

/// One running `ticketgate serve`, as it registers itself with the store it shares.
package struct GatewayInstance: Sendable, Equatable, Codable {
    package var id: UUID
    /// The host name and process id, so an operator can find the process.
    package var name: String
    package var startedAt: Date
    /// When the instance last said it is alive.
    package var heartbeatAt: Date
    /// The delivery attempts it was running at its last heartbeat.
    package var runningAttempts: Int

    package init(id: UUID, name: String, startedAt: Date, heartbeatAt: Date, runningAttempts: Int = 0) {
        self.id = id
        self.name = name
        self.startedAt = startedAt
        self.heartbeatAt = heartbeatAt
        self.runningAttempts = runningAttempts
    }
}
