/// The gateway cannot start: the rules do not load or the store does not open. `description` says why,
/// one problem per line.
package struct StartupError: OperatorFacingError, Sendable {
    package let description: String

    init(_ description: String) {
        self.description = description
    }
}
