import Foundation

/// One rules file: where it came from, and its text.
package struct RulesFile: Sendable {
    package var path: String
    package var contents: String

    package init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }

    /// Every `*.yml` and `*.yaml` file directly in `directory`, in name order.
    package static func files(in directory: String) throws(RulesLoadError) -> [RulesFile] {
        let here = SourceLocation(file: directory, line: 1, column: 1)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw RulesLoadError(problems: [RulesProblem(.error, "cannot read the rules directory: \(error.localizedDescription)", at: here)])
        }
        let ruleNames = names.filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }.sorted()
        guard !ruleNames.isEmpty else {
            throw RulesLoadError(problems: [RulesProblem(.error, "no *.yml or *.yaml files in the rules directory", at: here)])
        }
        var files: [RulesFile] = []
        for name in ruleNames {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                let location = SourceLocation(file: path, line: 1, column: 1)
                throw RulesLoadError(problems: [RulesProblem(.error, "cannot read this file as UTF-8 text", at: location)])
            }
            files.append(RulesFile(path: path, contents: text))
        }
        return files
    }
}
