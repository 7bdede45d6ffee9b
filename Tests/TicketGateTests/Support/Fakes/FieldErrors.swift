import Foundation
import Hummingbird
import TicketGateCore

/// Validates a JSON request body field by field, as a Laravel API does, collecting every error.
struct FieldErrors {
    private let object: [String: JSONValue]
    private var errors: [String: [String]] = [:]

    init(_ body: JSONValue?, allowed: Set<String>) {
        if case .object(let object)? = body {
            self.object = object
        } else {
            self.object = [:]
        }
        for key in object.keys where !allowed.contains(key) {
            add(key, "The \(key) field is not a documented field.")
        }
    }

    mutating func add(_ field: String, _ message: String) {
        errors[field, default: []].append(message)
    }

    /// A 400 with `{"message", "errors"}` when any check failed.
    var refusal: Response? {
        guard !errors.isEmpty else { return nil }
        let fields = JSONValue.object(errors.mapValues { .array($0.map(JSONValue.string)) })
        return FakeSPP.json(400, ["message": "The given data was invalid.", "errors": fields])
    }

    mutating func string(_ key: String, required: Bool = false) -> String? {
        value(key, required: required, type: "a string") { if case .string(let text) = $0 { text } else { nil } }
    }

    mutating func int(_ key: String, required: Bool = false) -> Int? {
        value(key, required: required, type: "an integer") { if case .int(let number) = $0 { Int(number) } else { nil } }
    }

    mutating func bool(_ key: String) -> Bool? {
        value(key, required: false, type: "true or false") { if case .bool(let flag) = $0 { flag } else { nil } }
    }

    mutating func intList(_ key: String) -> [Int]? {
        list(key, type: "integers") { if case .int(let number) = $0 { Int(number) } else { nil } }
    }

    mutating func stringList(_ key: String) -> [String]? {
        list(key, type: "strings") { if case .string(let text) = $0 { text } else { nil } }
    }

    private mutating func value<T>(_ key: String, required: Bool, type: String, _ cast: (JSONValue) -> T?) -> T? {
        guard let value = object[key], value != .null else {
            if required { add(key, "The \(key) field is required.") }
            return nil
        }
        guard let cast = cast(value) else {
            add(key, "The \(key) field must be \(type).")
            return nil
        }
        return cast
    }

    private mutating func list<T>(_ key: String, type: String, _ cast: (JSONValue) -> T?) -> [T]? {
        guard let value = object[key], value != .null else { return nil }
        guard case .array(let items) = value else {
            add(key, "The \(key) field must be an array.")
            return nil
        }
        let cast = items.compactMap(cast)
        guard cast.count == items.count else {
            add(key, "Each \(key) must be one of \(type).")
            return nil
        }
        return cast
    }
}
