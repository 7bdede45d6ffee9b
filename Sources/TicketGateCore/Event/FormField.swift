/// One submitted field of a form, in the order the provider sent it.
public struct FormField: Sendable, Codable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

extension [FormField] {
    /// The value of the first field called `name`.
    public func value(named name: String) -> String? {
        first { $0.name == name }?.value
    }
}
