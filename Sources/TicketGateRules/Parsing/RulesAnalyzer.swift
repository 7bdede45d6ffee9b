import TicketGateCore

/// Checks across the parsed rules: settings the destination's vendor cannot honour, and rules no event can
/// reach.
struct RulesAnalyzer {
    /// The vendors this build delivers to.
    let vendors: [VendorProfile]
    let destinations: [String: DestinationDefinition]
    let defaults: ParsedSettings
    let defaultsAnchor: ConfigNode?

    func check(_ rules: [ParsedRule], diagnostics: inout Diagnostics) {
        if let anchor = defaultsAnchor {
            checkVendor(defaults, owner: "defaults", anchor: anchor, diagnostics: &diagnostics)
        }
        for parsed in rules {
            guard case .set(let settings) = parsed.rule.action else { continue }
            checkVendor(
                ParsedSettings(settings: settings, places: parsed.places), owner: "rule '\(parsed.rule.name)'", anchor: parsed.node,
                diagnostics: &diagnostics)
        }
        checkCarriedSettings(rules, diagnostics: &diagnostics)
        checkReachability(rules, diagnostics: &diagnostics)
    }

    /// A rule with `continue: true` hands its settings on to the rules after it: a later rule that chooses a
    /// destination whose vendor ignores one of them gets it all the same. Warned once per setting and destination,
    /// at the setting.
    private func checkCarriedSettings(_ rules: [ParsedRule], diagnostics: inout Diagnostics) {
        for (index, earlier) in rules.enumerated() where earlier.rule.continues {
            guard case .set(let settings) = earlier.rule.action else { continue }
            var warned: Set<String> = []
            for later in rules[(index + 1)...] {
                guard case .set(let laterSettings) = later.rule.action, let name = laterSettings.destination,
                    name != settings.destination, let destination = destinations[name]
                else { continue }
                let vendor = destination.vendor
                let refused = settings.vendorSettings.filter { !Self.takes(vendor, $0.key, $0.value) }.map(\.key)
                for key in vendor.ignoredSettings + refused.sorted() where earlier.places[key] != nil && later.places[key] == nil {
                    guard warned.insert("\(key) \(name)").inserted, let place = earlier.places[key] else { continue }
                    diagnostics.warning(
                        "rule '\(earlier.rule.name)' sets \(key) and continues, so it reaches \(name) when rule '\(later.rule.name)' "
                            + "also matches; \(vendor.displayName)'s API does not take it, and \(name) ignores it", at: place)
                }
            }
        }
    }

    /// The destination a block sends to (its own, else the default), and what that vendor cannot take.
    private func checkVendor(_ block: ParsedSettings, owner: String, anchor: ConfigNode, diagnostics: inout Diagnostics) {
        let own = block.settings.destination
        guard let name = own ?? defaults.settings.destination, let destination = destinations[name] else { return }
        let vendor = destination.vendor
        let place = { (key: String) in block.places[key] ?? anchor }
        let replyTo = block.settings.replyTo ?? defaults.settings.replyTo
        if !vendor.opensConversations, own != nil || owner == "defaults", replyTo == nil {
            diagnostics.error(
                "\(owner) can send a new conversation to \(name), but \(vendor.displayName) can only answer existing tickets; add reply_to",
                at: place("destination"))
        }
        if vendor.brandNeededToOpen, own != nil || owner == "defaults", replyTo == nil,
            (block.settings.brand ?? defaults.settings.brand ?? destination.integer("brand")) == nil
        {
            diagnostics.error(
                "\(owner) can open a conversation at \(name), and \(vendor.displayName) needs a brand for that: set brand here, in defaults or on the destination",
                at: place("destination"))
        }
        if own != nil || owner == "defaults" {
            for key in vendor.ignoredSettings where block.places[key] != nil {
                diagnostics.warning(
                    "\(owner) sets \(key), which \(vendor.displayName)'s API does not take; \(name) ignores it", at: place(key))
            }
        }
        if block.settings.brand != nil, !vendor.hasBrands {
            diagnostics.error("\(owner) sets a brand, but \(name) is \(vendor.displayName), which has no brands", at: place("brand"))
        }
        checkFallback(block, owner: owner, primary: name, place: place, diagnostics: &diagnostics)
        if let action = block.settings.nextAction {
            if vendor.nextActions.isEmpty {
                diagnostics.error(
                    "\(owner) sets next_action, which only \(takers { !$0.nextActions.isEmpty }), but \(name) is \(vendor.displayName)",
                    at: place("next_action"))
            } else if !vendor.nextActions.contains(action) {
                let names = vendor.nextActions.filter { !$0.isEmpty }
                diagnostics.error(
                    "\(owner) sets next_action '\(action)', which \(vendor.displayName) does not take: one of \(names.joined(separator: ", "))",
                    at: place("next_action"))
            }
        }
        checkVendorSettings(block, owner: owner, destination: name, vendor: vendor, place: place, diagnostics: &diagnostics)
        if block.settings.order != nil, !vendor.hasOrders {
            diagnostics.error("\(owner) sets order, which only \(takers(\.hasOrders)), but \(name) is \(vendor.displayName)", at: place("order"))
        }
        if let status = block.settings.status {
            switch vendor.status {
            case .numeric? where Int(status) == nil:
                diagnostics.error("\(owner) sets status '\(status)', but \(vendor.displayName) statuses are numbers", at: place("status"))
            case nil:
                diagnostics.error("\(owner) sets status, which \(vendor.displayName) does not take; use next_action", at: place("status"))
            default:
                break
            }
        }
    }

    /// Whether `vendor` takes its own setting `key` with `value`.
    static func takes(_ vendor: VendorProfile, _ key: String, _ value: VendorRuleSetting) -> Bool {
        guard let setting = vendor.ruleSettings.first(where: { $0.key == key }) else { return false }
        switch (value, setting.kind) {
        case (.template, .jsonTemplate): return true
        case (.template, _): return false
        case (.value(let value), _): return setting.accepts(value)
        }
    }

    /// A vendor's own setting reaches only a vendor that declares it, with a value that vendor takes.
    private func checkVendorSettings(
        _ block: ParsedSettings, owner: String, destination name: String, vendor: VendorProfile, place: (String) -> ConfigNode,
        diagnostics: inout Diagnostics
    ) {
        if owner != "defaults", block.settings.destination != nil {
            for (key, value) in defaults.settings.vendorSettings.sorted(by: { $0.key < $1.key })
            where block.settings.vendorSettings[key] == nil && !Self.takes(vendor, key, value) {
                diagnostics.warning(
                    "defaults set \(key), which \(vendor.displayName) does not take as '\(value.written)'; \(owner) sends to \(name), which ignores it",
                    at: defaults.places[key] ?? place("destination"))
            }
        }
        for (key, value) in block.settings.vendorSettings.sorted(by: { $0.key < $1.key }) {
            guard let setting = vendor.ruleSettings.first(where: { $0.key == key }) else {
                diagnostics.error(
                    "\(owner) sets \(key), which only \(takers { $0.ruleSettings.contains { $0.key == key } }), but \(name) is \(vendor.displayName)",
                    at: place(key))
                continue
            }
            if !Self.takes(vendor, key, value) {
                diagnostics.error(
                    "\(owner) sets \(key) '\(value.written)', which \(vendor.displayName) does not take: \(key) must be \(setting.expected)",
                    at: place(key))
            }
        }
    }

    /// The vendors that take a setting, as in "only A takes" or "only A and B take".
    private func takers(_ takes: (VendorProfile) -> Bool) -> String {
        let names = vendors.filter(takes).map(\.displayName)
        return names.count == 1 ? "\(names[0]) takes" : "\(names.joined(separator: " and ")) take"
    }

    /// A fallback must be able to open a ticket on its own: the fallback draft carries no `reply_to` and no
    /// brand.
    private func checkFallback(
        _ block: ParsedSettings, owner: String, primary: String, place: (String) -> ConfigNode, diagnostics: inout Diagnostics
    ) {
        guard let name = block.settings.fallback, let fallback = destinations[name] else { return }
        let vendor = fallback.vendor
        if name == primary {
            diagnostics.warning("\(owner) names \(name) as its own fallback; it has no effect", at: place("fallback"))
        } else if !vendor.opensConversations {
            diagnostics.error(
                "\(owner) falls back to \(name), but \(vendor.displayName) can only answer existing tickets", at: place("fallback"))
        } else if vendor.brandNeededToOpen, fallback.integer("brand") == nil {
            diagnostics.error(
                "\(owner) falls back to \(name), and \(vendor.displayName) needs a brand to open a case: set brand on the destination",
                at: place("fallback"))
        }
    }

    /// A rule is unreachable after a rule that matches every event and stops, or after a rule with the same
    /// condition that stops.
    private func checkReachability(_ rules: [ParsedRule], diagnostics: inout Diagnostics) {
        var stoppers: [ParsedRule] = []
        for parsed in rules {
            if let earlier = stoppers.first(where: { $0.rule.condition.isAlways || $0.rule.condition == parsed.rule.condition }) {
                let why = earlier.rule.condition.isAlways ? "matches every event" : "has the same condition"
                diagnostics.warning(
                    "rule '\(parsed.rule.name)' can never match: rule '\(earlier.rule.name)' before it \(why) and stops", at: parsed.node)
                continue
            }
            if !parsed.rule.continues { stoppers.append(parsed) }
        }
    }
}
