/// A test step that did not finish within its limit.
struct TimedOut: Error, CustomStringConvertible {
    let limit: Duration
    var description: String { "did not finish within \(limit)" }
}

/// Runs `operation`, failing the test when it takes longer than `limit`. This guards against a hang; it never
/// waits for something to happen: `operation` itself awaits the event it needs.
func withTimeout<T: Sendable>(_ limit: Duration = .seconds(30), _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: limit)
            throw TimedOut(limit: limit)
        }
        defer { group.cancelAll() }
        guard let result = try await group.next() else { throw TimedOut(limit: limit) }
        return result
    }
}

extension AsyncSequence where Self: Sendable, Element: Sendable {
    /// The first element that satisfies `predicate`, within `limit`.
    func first(within limit: Duration = .seconds(30), where predicate: @escaping @Sendable (Element) -> Bool) async throws -> Element {
        try await withTimeout(limit) {
            for try await element in self where predicate(element) {
                return element
            }
            throw TimedOut(limit: limit)
        }
    }
}
