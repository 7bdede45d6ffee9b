import Foundation
import Testing
import TicketGateCore
import TicketGateInbound
import TicketGateRules
import TicketGateVendors

/// `Rules/ticketgate.schema.json` stays in step with the loader: it names every key the loader knows and no
/// other, every sample validates against it, and a file with misspelt keys does not.
@Suite(.enabled(if: PythonModules.schema.isAvailable, PythonModules.schema.skipReason)) struct RulesSchemaTests {
    static let schemaPath = PackagePaths.root.appendingPathComponent("Rules/ticketgate.schema.json").path

    static var schema: JSONValue {
        get throws { try JSONDecoder().decode(JSONValue.self, from: try Data(contentsOf: URL(fileURLWithPath: schemaPath))) }
    }

    static func keys(_ value: JSONValue?) -> Set<String> {
        Set(value?.object?.keys ?? [:].keys)
    }

    static func enumValues(_ value: JSONValue?) -> Set<String> {
        Set((value?["enum"]?.array ?? []).compactMap(\.string))
    }

    @Test func theSchemaNamesExactlyWhatTheLoaderKnows() throws {
        let schema = try Self.schema
        let definitions = try #require(schema["$defs"])
        #expect(Self.keys(schema["properties"]) == Set(RulesVocabulary.sections))
        #expect(Self.keys(definitions["source", "properties"]) == Set(RulesVocabulary.sourceKeys))
        #expect(Self.keys(definitions["source", "properties", "fields", "properties"]) == Set(RulesVocabulary.fieldMapKeys))
        #expect(Self.keys(definitions["verify", "properties"]) == Set(RulesVocabulary.verifyKeys))
        #expect(Self.keys(definitions["destination", "properties"]) == Set(RulesVocabulary.destinationKeys(VendorRegistry.profiles)))
        #expect(Self.keys(definitions["settings", "properties"]) == Set(RulesVocabulary.settingKeys(VendorRegistry.profiles)))
        #expect(Self.keys(definitions["rule", "properties"]) == Set(RulesVocabulary.ruleKeys))
        #expect(Self.keys(definitions["within", "properties"]) == Set(RulesVocabulary.withinKeys))
        #expect(Self.keys(definitions["reference", "anyOf"]?.array?.last?["properties"]) == Set(RulesVocabulary.referenceKeys))
        #expect(Self.keys(definitions["test", "anyOf"]?.array?.last?["properties"]) == Set(RulesVocabulary.operators))
        #expect(Self.keys(definitions["condition", "properties"]) == Set(RulesVocabulary.combinators + RulesVocabulary.fieldPaths))
        #expect(Self.keys(definitions["condition", "patternProperties"]) == [#"^(fields|headers)\..+$"#])
        #expect(RulesVocabulary.fieldPathPrefixes == ["fields.", "headers."])
        #expect(Self.enumValues(definitions["verify", "properties", "scheme"]) == Set(RulesVocabulary.schemes))
        #expect(Self.enumValues(definitions["destination", "properties", "vendor"]) == Set(VendorRegistry.profiles.map(\.name)))
        #expect(Self.enumValues(definitions["source", "properties", "kind"]) == Set(RulesVocabulary.kinds))
        #expect(Self.enumValues(definitions["source", "properties", "format"]) == Set(InboundFormats.supported.values.joined()))
        #expect(Self.enumValues(definitions["settings", "properties", "next_action"]) == Set(RulesVocabulary.nextActions(VendorRegistry.profiles)))
    }

    @Test func samplesValidateAndMisspeltKeysDoNot() async throws {
        let files = [
            "Rules/ticketgate.yml", "Tests/Fixtures/sources.yml", "Tests/Fixtures/explain/rules/rules.yml", "Tests/Fixtures/rules/vendors/rules.yml",
            "Tests/Fixtures/rules/unreachable/rules.yml", "Tests/Fixtures/rules/keys/rules.yml",
        ].map { PackagePaths.root.appendingPathComponent($0).path }
        let errors = try await Self.validate(files)
        #expect(errors.dropLast().allSatisfy { $0 == 0 }, "\(zip(files, errors).map { "\($0.0): \($0.1)" })")
        #expect(errors.last == 9)
    }

    /// Validates YAML files against the schema with Python's `jsonschema`, the reference implementation
    /// (`.ci/run` installs it with PyYAML), and returns the number of errors in each.
    static func validate(_ files: [String]) async throws -> [Int] {
        let script = """
            import json, sys, yaml, jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            validator = jsonschema.Draft202012Validator(schema)
            print(json.dumps([len(list(validator.iter_errors(yaml.safe_load(open(path))))) for path in sys.argv[2:]]))
            """
        let ended = try await ChildProcess.run("/usr/bin/env", ["python3", "-c", script, schemaPath] + files)
        guard ended.status == 0 else {
            let problem = String(decoding: ended.error, as: UTF8.self)
            throw HarnessError("schema validation did not run (python3 with jsonschema and PyYAML is needed): \(problem)")
        }
        return try JSONDecoder().decode([Int].self, from: ended.output)
    }
}
