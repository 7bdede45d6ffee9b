/// Why a store could not be opened or used, the same on every store.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    private enum Code: Sendable {
        case unavailable
        case locked
        case unsupported
        case noSuchEvent
        case unexpected
    }

    private let code: Code
    public let message: String

    /// The database cannot be reached or read now; the same operation may succeed later.
    public static func unavailable(_ message: String) -> StoreError { StoreError(code: .unavailable, message: message) }
    /// Another process is serving from the same database.
    public static func locked(_ message: String) -> StoreError { StoreError(code: .locked, message: message) }
    /// The database URL names a store this build does not have.
    public static func unsupported(_ message: String) -> StoreError { StoreError(code: .unsupported, message: message) }
    /// The event an operation names is not stored.
    public static func noSuchEvent(_ id: EventID) -> StoreError { StoreError(code: .noSuchEvent, message: "no event \(id)") }
    /// The database answered what the store did not expect of its own schema.
    public static func unexpected(_ message: String) -> StoreError { StoreError(code: .unexpected, message: message) }

    /// Whether the database could not be reached, as opposed to refusing what was asked.
    public var isUnavailable: Bool { code == .unavailable }

    public var description: String { message }
}
