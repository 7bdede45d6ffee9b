import TicketGateCore

/// Every key and name the loader knows, for the JSON Schema's test and for tools.
public enum RulesVocabulary {
    public static let sections: [String] = RulesDocument.sections
    public static let sourceKeys: [String] = SourceParser.keys
    public static let verifyKeys: [String] = VerificationParser.allKeys
    public static let fieldMapKeys: [String] = ["email", "name", "subject", "message"]
    public static let destinationKeys: [String] = DestinationParser.allKeys
    public static let ruleKeys: [String] = RuleParser.keys
    public static let settingKeys: [String] = RuleSettings.keys
    public static let referenceKeys: [String] = ["field", "pattern"]
    public static let operators: [String] = FieldTest.operatorNames
    public static let combinators: [String] = ConditionParser.combinators
    public static let withinKeys: [String] = BusinessHoursParser.keys
    public static let fieldPaths: [String] = FieldPath.fixedNames.keys.sorted()
    public static let fieldPathPrefixes: [String] = FieldPath.prefixes
    public static let nextActions: [String] = RuleSettings.nextActions
    public static let schemes: [String] = VerificationSettings.Scheme.allCases.map(\.rawValue)
    public static let vendors: [String] = VendorKind.allCases.map(\.rawValue)
    public static let kinds: [String] = EventKind.allCases.map(\.rawValue)
}
