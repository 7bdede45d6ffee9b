/// Numbers each field path the conditions read, while the rules compile, so that an event's values live in
/// an array indexed by slot instead of a dictionary.
final class FieldSlots {
    private(set) var paths: [FieldPath] = []
    private var numbers: [FieldPath: Int] = [:]

    func slot(for path: FieldPath) -> Int {
        if let number = numbers[path] { return number }
        numbers[path] = paths.count
        paths.append(path)
        return paths.count - 1
    }
}

/// One field test of a condition: the field, its slot, the test, and the test as written.
final class FieldCheck: Sendable, Equatable {
    let path: FieldPath
    let slot: Int
    let test: FieldTest
    let written: String

    init(path: FieldPath, slot: Int, test: FieldTest, written: String) {
        self.path = path
        self.slot = slot
        self.test = test
        self.written = written
    }

    static func == (lhs: FieldCheck, rhs: FieldCheck) -> Bool {
        lhs.path == rhs.path && lhs.test == rhs.test
    }
}
