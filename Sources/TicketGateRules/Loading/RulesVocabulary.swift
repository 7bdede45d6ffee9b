import TicketGateCore

/// Every key and name the loader knows, for the JSON Schema's test and for tools. What depends on the vendors a
/// build delivers to comes from their profiles.
package enum RulesVocabulary {
    package static let sections: [String] = RulesDocument.sections
    package static let sourceKeys: [String] = SourceParser.keys
    package static let verifyKeys: [String] = VerificationParser.allKeys
    package static let fieldMapKeys: [String] = ["email", "name", "subject", "message"]
    package static func destinationKeys(_ vendors: [VendorProfile]) -> [String] { DestinationParser.allKeys(vendors) }
    package static let ruleKeys: [String] = RuleParser.keys
    package static func settingKeys(_ vendors: [VendorProfile]) -> [String] { SettingsParser.keys(vendors) }
    package static let referenceKeys: [String] = ["field", "pattern"]
    package static let operators: [String] = FieldTest.operatorNames
    package static let combinators: [String] = ConditionParser.combinators
    package static let withinKeys: [String] = BusinessHoursParser.keys
    package static let fieldPaths: [String] = FieldPath.fixedNames.keys.sorted()
    package static let fieldPathPrefixes: [String] = FieldPath.prefixes
    package static func nextActions(_ vendors: [VendorProfile]) -> [String] { SettingsParser.nextActions(vendors) }
    package static let schemes: [String] = VerificationSettings.Scheme.allCases.map(\.rawValue)
    package static let kinds: [String] = EventKind.allCases.map(\.rawValue)
}
