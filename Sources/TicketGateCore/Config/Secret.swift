/// A credential read from the rules. It never prints itself, so it cannot reach a log line or an error by accident.
package struct Secret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The secret's bytes, for the code that signs or authenticates with it.
    package let value: String

    package init(_ value: String) {
        self.value = value
    }

    package var isEmpty: Bool { value.isEmpty }
    package var description: String { "<redacted>" }
    package var debugDescription: String { "<redacted>" }
}
