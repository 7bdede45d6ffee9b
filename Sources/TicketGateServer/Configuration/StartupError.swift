/// The gateway cannot start: the rules do not load or the store does not open. `description` says why,
/// one problem per line.
public struct StartupError: OperatorFacingError, Sendable {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
