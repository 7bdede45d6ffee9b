import Yams

/// A file that is not valid YAML, said in plain words at the place to fix: a tab used for indentation, a line
/// indented unlike its neighbours, a quote never closed, a key written twice. libyaml's own words stay for
/// anything else.
struct YAMLSyntaxError {
    let message: String
    let location: SourceLocation

    init(_ error: any Error, in file: RulesFile) {
        switch error {
        case YamlError.scanner(let context, let problem, let mark, _), YamlError.parser(let context, let problem, let mark, _),
            YamlError.composer(let context, let problem, let mark, _):
            let here = SourceLocation(file: file.path, line: mark.line, column: mark.column)
            (message, location) = Self.explain(problem, context: context, at: here, in: file)
        case YamlError.duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            message =
                "\(keys) \(duplicates.count == 1 ? "is" : "are") written twice in one mapping, and only one would count: "
                + "remove or rename the other"
            location = SourceLocation(file: file.path, line: context.mark.line, column: context.mark.column)
        default:
            message = "invalid YAML: \(error)"
            location = SourceLocation(file: file.path, line: 1, column: 1)
        }
    }

    private static func explain(_ problem: String, context: YamlError.Context?, at here: SourceLocation, in file: RulesFile) -> (
        String, SourceLocation
    ) {
        if problem.contains("tab") || character(at: here, in: file) == "\t" {
            return ("a tab indents this line; YAML indents with spaces only: replace the tab with spaces", here)
        }
        if problem.contains("end of stream"), let context, context.text.contains("quoted scalar") {
            let opened = SourceLocation(file: file.path, line: context.mark.line, column: context.mark.column)
            return ("this quoted value is never closed: add its closing quote", opened)
        }
        if problem.contains("mapping values are not allowed") {
            return (
                "a ':' where no key can start: indent this line as the keys around it, or quote a value that holds ': '", here
            )
        }
        if problem.contains("did not find expected key") || problem.contains("did not find expected '-'")
            || problem.contains("block sequence entries are not allowed")
        {
            return (
                "this line is indented unlike the lines around it: the keys of one mapping, and the items of one list, "
                    + "start in the same column", here
            )
        }
        return ("invalid YAML: \(problem)", here)
    }

    /// The character at `location` (1-based line and column), if there is one.
    private static func character(at location: SourceLocation, in file: RulesFile) -> Character? {
        let lines = file.contents.split(separator: "\n", omittingEmptySubsequences: false)
        guard location.line >= 1, location.line <= lines.count else { return nil }
        let line = lines[location.line - 1]
        guard location.column >= 1, location.column <= line.count else { return nil }
        return line[line.index(line.startIndex, offsetBy: location.column - 1)]
    }
}
