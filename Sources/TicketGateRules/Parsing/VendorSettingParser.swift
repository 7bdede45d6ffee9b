import Foundation
import TicketGateCore

/// Reads the value of a vendor's own setting (`VendorSetting`), of a destination or of a rule.
struct VendorSettingParser {
    let values: ValueReader

    func parse(_ setting: VendorSetting, _ node: ConfigNode, diagnostics: inout Diagnostics) -> VendorSettingValue? {
        switch setting.kind {
        case .positiveInteger:
            guard let value = values.int(node, what: setting.key, diagnostics: &diagnostics) else { return nil }
            guard value > 0 else {
                diagnostics.error("\(setting.key) must be at least 1, found \(value)", at: node)
                return nil
            }
            return .integer(value)
        case .text(let expected, let isValid):
            guard let text = values.string(node, what: setting.key, diagnostics: &diagnostics) else { return nil }
            guard isValid(text) else {
                diagnostics.error("\(setting.key) must be \(expected), found '\(text)'", at: node)
                return nil
            }
            return .text(text)
        case .timeZone:
            guard let zone = values.nonEmptyString(node, what: setting.key, diagnostics: &diagnostics) else { return nil }
            guard TimeZone(identifier: zone) != nil else {
                diagnostics.error("unknown time zone '\(zone)'; use an IANA name such as Europe/Amsterdam", at: node)
                return nil
            }
            return .text(zone)
        case .choice(let names):
            guard let name = values.string(node, what: setting.key, diagnostics: &diagnostics) else { return nil }
            guard names.contains(name) else {
                diagnostics.error(
                    "\(setting.key) must be one of \(names.joined(separator: ", ")), found '\(name)'\(Suggestion.hint(for: name, in: names))",
                    at: node)
                return nil
            }
            return .text(name)
        case .jsonTemplate:
            diagnostics.error("\(setting.key) is a template, which rules set (in set: or defaults:)", at: node)
            return nil
        }
    }
}
