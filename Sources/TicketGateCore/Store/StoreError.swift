/// Why a store could not be opened or used, the same on every store.
package struct StoreError: Error, Sendable, CustomStringConvertible {
    private enum Code: Sendable {
        case unavailable
        case locked
        case unsupported
        case noSuchEvent
        case unexpected
    }

    private let code: Code
    package let message: String

    /// The database cannot be reached or read now; the same operation may succeed later.
    package static func unavailable(_ message: String) -> StoreError { StoreError(code: .unavailable, message: message) }
    /// Another process is serving from the same database.
    package static func locked(_ message: String) -> StoreError { StoreError(code: .locked, message: message) }
    /// The database URL names a store this build does not have.
    package static func unsupported(_ message: String) -> StoreError { StoreError(code: .unsupported, message: message) }
    /// The event an operation names is not stored.
    package static func noSuchEvent(_ id: EventID) -> StoreError { StoreError(code: .noSuchEvent, message: "no event \(id)") }
    /// The database answered what the store did not expect of its own schema.
    package static func unexpected(_ message: String) -> StoreError { StoreError(code: .unexpected, message: message) }

    /// Whether the database could not be reached, as opposed to refusing what was asked.
    package var isUnavailable: Bool { code == .unavailable }

    package var description: String { message }
}
