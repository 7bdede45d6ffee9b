import TicketGateCore

/// Why the store could not be opened or used.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    private enum Code: Sendable {
        case unavailable
        case locked
        case unsupported
        case noSuchEvent
    }

    private let code: Code
    public let message: String

    /// The database cannot be opened or read.
    public static func unavailable(_ message: String) -> StoreError { StoreError(code: .unavailable, message: message) }
    /// Another process is serving from the same database.
    public static func locked(_ message: String) -> StoreError { StoreError(code: .locked, message: message) }
    /// The database URL names a store this build does not have.
    public static func unsupported(_ message: String) -> StoreError { StoreError(code: .unsupported, message: message) }

    /// The event an operation names is not stored.
    public static func noSuchEvent(_ id: EventID) -> StoreError { StoreError(code: .noSuchEvent, message: "no event \(id)") }

    public var description: String { message }
}
