import TicketGateCore

/// Every key and name the loader knows, for the JSON Schema's test and for tools. What depends on the vendors a
/// build delivers to comes from their profiles.
public enum RulesVocabulary {
    public static let sections: [String] = RulesDocument.sections
    public static let sourceKeys: [String] = SourceParser.keys
    public static let verifyKeys: [String] = VerificationParser.allKeys
    public static let fieldMapKeys: [String] = ["email", "name", "subject", "message"]
    public static func destinationKeys(_ vendors: [VendorProfile]) -> [String] { DestinationParser.allKeys(vendors) }
    public static let ruleKeys: [String] = RuleParser.keys
    public static let settingKeys: [String] = RuleSettings.keys
    public static let referenceKeys: [String] = ["field", "pattern"]
    public static let operators: [String] = FieldTest.operatorNames
    public static let combinators: [String] = ConditionParser.combinators
    public static let withinKeys: [String] = BusinessHoursParser.keys
    public static let fieldPaths: [String] = FieldPath.fixedNames.keys.sorted()
    public static let fieldPathPrefixes: [String] = FieldPath.prefixes
    public static func nextActions(_ vendors: [VendorProfile]) -> [String] { SettingsParser.nextActions(vendors) }
    public static let schemes: [String] = VerificationSettings.Scheme.allCases.map(\.rawValue)
    public static let kinds: [String] = EventKind.allCases.map(\.rawValue)
}
