import Foundation

/// One running `ticketgate serve`, as it registers itself with the store it shares.
public struct GatewayInstance: Sendable, Equatable, Codable {
    public var id: UUID
    /// The host name and process id, so an operator can find the process.
    public var name: String
    public var startedAt: Date
    /// When the instance last said it is alive.
    public var heartbeatAt: Date
    /// The delivery attempts it was running at its last heartbeat.
    public var runningAttempts: Int

    public init(id: UUID, name: String, startedAt: Date, heartbeatAt: Date, runningAttempts: Int = 0) {
        self.id = id
        self.name = name
        self.startedAt = startedAt
        self.heartbeatAt = heartbeatAt
        self.runningAttempts = runningAttempts
    }
}
