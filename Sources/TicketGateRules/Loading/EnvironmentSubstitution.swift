/// Replaces `${NAME}` and `${NAME:-default}` in rule values with the process environment.
///
/// A variable that is not set and has no default is an error, never an empty string. `$${` writes a literal `${`.
struct EnvironmentSubstitution {
    enum Failure: Error, Equatable {
        case unset(String)
        case malformed(String)
    }

    let environment: [String: String]

    func substitute(_ text: String) -> Result<String, Failure> {
        substituteNotingDefaults(text).map(\.value)
    }

    /// The variables `text` names whose default (not empty) it took, as they are not set.
    func defaultsTaken(in text: String) -> [String] {
        (try? substituteNotingDefaults(text).get().defaulted) ?? []
    }

    private func substituteNotingDefaults(_ text: String) -> Result<(value: String, defaulted: [String]), Failure> {
        guard text.contains("${") else { return .success((text, [])) }
        var defaulted: [String] = []
        var output = ""
        var rest = text[...]
        while let dollar = rest.firstIndex(of: "$") {
            output += rest[..<dollar]
            let afterDollar = rest[rest.index(after: dollar)...]
            if afterDollar.hasPrefix("${") {
                output += "${"
                rest = afterDollar.dropFirst(2)
                continue
            }
            guard afterDollar.hasPrefix("{") else {
                output += "$"
                rest = afterDollar
                continue
            }
            guard let close = afterDollar.firstIndex(of: "}") else {
                return .failure(.malformed(String(rest)))
            }
            let reference = afterDollar[afterDollar.index(after: afterDollar.startIndex)..<close]
            switch resolve(reference) {
            case .success(let resolved):
                output += resolved.value
                if let name = resolved.defaulted { defaulted.append(name) }
            case .failure(let failure): return .failure(failure)
            }
            rest = afterDollar[afterDollar.index(after: close)...]
        }
        output += rest
        return .success((output, defaulted))
    }

    /// The value `reference` stands for, and its variable's name when that is unset and its default was taken.
    private func resolve(_ reference: Substring) -> Result<(value: String, defaulted: String?), Failure> {
        let name: Substring
        let fallback: Substring?
        if let separator = reference.range(of: ":-") {
            name = reference[..<separator.lowerBound]
            fallback = reference[separator.upperBound...]
        } else {
            name = reference
            fallback = nil
        }
        guard Self.isValidName(name) else { return .failure(.malformed("${\(reference)}")) }
        if let value = environment[String(name)] {
            return .success((value, nil))
        }
        if let fallback {
            return .success((String(fallback), fallback.isEmpty ? nil : String(name)))
        }
        return .failure(.unset(String(name)))
    }

    private static func isValidName(_ name: Substring) -> Bool {
        guard let first = name.first, first == "_" || first.isASCII && first.isLetter else { return false }
        return name.allSatisfy { $0 == "_" || $0.isASCII && ($0.isLetter || $0.isNumber) }
    }
}
