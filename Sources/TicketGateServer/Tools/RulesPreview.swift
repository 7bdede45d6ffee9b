import Foundation
import TicketGateCore
import TicketGateRules

/// `ticketgate preview`: the stored events decided again under the rules in another directory, and every event
/// whose decision would differ from the one it got (its destination, brand, assignee, tags, visibility, or
/// whether it is dropped), grouped by what changes. Nothing is delivered and nothing is stored.
package enum RulesPreview {
    package struct Options: Sendable {
        package var rulesDirectory: String
        package var environment: [String: String]
        package var databaseURL: String
        /// Only events received within this long before now, such as `7d`; `nil` for every stored event.
        package var since: String?
        /// At most this many events, the newest.
        package var limit: Int?
        package var json: Bool

        package init(
            rulesDirectory: String, environment: [String: String], databaseURL: String, since: String?, limit: Int?, json: Bool
        ) {
            self.rulesDirectory = rulesDirectory
            self.environment = environment
            self.databaseURL = databaseURL
            self.since = since
            self.limit = limit
            self.json = json
        }
    }

    /// What a preview found: how many events it read, and those whose decision would change.
    struct Report: Encodable {
        struct Change: Encodable {
            var id: EventID
            var receivedAt: Date
            var before: RoutedDecision
            var after: RoutedDecision
            /// The rules that match the event under the new rules.
            var rulesNow: [String]
        }

        struct Group: Encodable {
            /// What changes, such as `destination spp-finance instead of spp`.
            var change: String
            /// The rules that match these events under the new rules.
            var rulesNow: [String]
            var count: Int
            var events: [EventID]
        }

        var rulesVersion: String
        var read: Int
        var changed: Int
        var groups: [Group]
        var events: [Change]
    }

    /// The events read per store query.
    static let pageSize = 500
    /// The event ids a group lists in text; `--json` lists them all.
    static let shownPerGroup = 5

    /// The report as text or JSON, and whether any decision would change.
    package static func run(_ options: Options, now: Date = Date()) async throws -> (output: String, changed: Bool) {
        var since: Date?
        if let text = options.since {
            guard let duration = Quantities.duration(text), duration > .zero else {
                throw StartupError("--since takes a duration such as 90m, 24h or 7d, found '\(text)'")
            }
            since = now.addingTimeInterval(-duration.seconds)
        }
        let report = try await OfflineRules.with(directory: options.rulesDirectory, environment: options.environment) { offline in
            try await EventReports.withStore(options.databaseURL) { store in
                try await preview(store, ruleSet: offline.rules.ruleSet, version: offline.rules.version, since: since, limit: options.limit)
            }
        }
        let output = options.json ? try AdminReports.json(report) : text(report, since: since)
        return (output, report.changed > 0)
    }

    /// The events of `store` received since `since` (at most `limit`, the newest) decided again by `ruleSet`.
    static func preview(_ store: any OperatorStore, ruleSet: RuleSet, version: String, since: Date?, limit: Int?) async throws -> Report {
        var read = 0
        var changes: [Report.Change] = []
        var cursor: String?
        while limit.map({ read < $0 }) ?? true {
            let wanted = min(pageSize, limit.map { $0 - read } ?? pageSize)
            let page = try await store.decidedEvents(since: since, before: cursor, limit: wanted)
            for stored in page {
                let before = RoutedDecision(stored.decision)
                let decision = ruleSet.decide(stored.event)
                let after = RoutedDecision(decision)
                if before != after {
                    changes.append(
                        Report.Change(
                            id: stored.event.id, receivedAt: stored.event.receivedAt, before: before, after: after, rulesNow: decision.matchedRules))
                }
            }
            read += page.count
            guard page.count == wanted, let last = page.last else { break }
            cursor = last.cursor
        }
        struct GroupKey: Hashable {
            var change: String
            var rulesNow: [String]
        }
        let grouped = Dictionary(grouping: changes) {
            GroupKey(change: $0.after.changes(from: $0.before).joined(separator: "; "), rulesNow: $0.rulesNow)
        }
        let groups = grouped.map { key, members in
            Report.Group(change: key.change, rulesNow: key.rulesNow, count: members.count, events: members.map(\.id))
        }
        .sorted { ($0.count, $1.change, $1.rulesNow.joined()) > ($1.count, $0.change, $0.rulesNow.joined()) }
        return Report(rulesVersion: version, read: read, changed: changes.count, groups: groups, events: changes)
    }

    static func text(_ report: Report, since: Date?) -> String {
        var lines: [String] = []
        for group in report.groups {
            let rules =
                group.rulesNow.isEmpty
                ? "no rule matches now" : "now \(group.rulesNow.count == 1 ? "rule" : "rules") \(group.rulesNow.joined(separator: ", "))"
            lines.append("\(group.count) \(group.count == 1 ? "event" : "events"): \(group.change) (\(rules))")
            let shown = group.events.prefix(shownPerGroup).map(\.rawValue).joined(separator: ", ")
            let more = group.count > shownPerGroup ? " and \(group.count - shownPerGroup) more" : ""
            lines.append("  \(shown)\(more)")
        }
        let scope = since.map { " received since \($0.formatted(.iso8601))" } ?? ""
        let verdict =
            report.changed == 0
            ? "none would be decided differently"
            : "\(report.changed) would be decided differently, in \(report.groups.count) \(report.groups.count == 1 ? "group" : "groups")"
        lines.append("read \(report.read) \(report.read == 1 ? "event" : "events")\(scope) under rules \(report.rulesVersion): \(verdict)")
        return lines.joined(separator: "\n")
    }
}

/// A decision as `preview` compares it: what reaches the helpdesk. The rules that matched are not compared: two
/// rule sets may reach the same ticket by different rules.
struct RoutedDecision: Equatable, Encodable {
    /// `deliver`, `drop` or `unrouted`.
    var outcome: String
    var destination: String?
    var brand: Int?
    /// `4`, or a rotation's pool: `in turn from 4, 7`.
    var assignee: String?
    /// Sorted: the order of tags does not reach the helpdesk as a difference.
    var tags: [String]
    var staffOnly: Bool?
    /// The destination's vendor's own settings (`group`, `priority`, a webhook's `body`, …), as text.
    var settings: [String: String]
    var dropReason: String?

    init(_ decision: Decision) {
        outcome = decision.outcome.name
        let draft = decision.draft
        destination = draft?.destination
        brand = draft?.brand
        assignee =
            draft?.assigneeRotation.map { "in turn from \($0.pool.map(String.init).joined(separator: ", "))" } ?? draft?.assignee.map(String.init)
        tags = (draft?.tags ?? []).sorted()
        staffOnly = draft?.staffOnly
        settings = (draft?.vendorSettings ?? [:]).mapValues(\.description)
        if case .drop(_, let reason) = decision.outcome { dropReason = reason }
    }

    /// What differs from `earlier`, setting by setting: `destination spp-finance instead of spp`.
    func changes(from earlier: RoutedDecision) -> [String] {
        if outcome != earlier.outcome || dropReason != earlier.dropReason {
            return ["\(Self.describe(self)) instead of \(Self.describe(earlier))"]
        }
        var changes: [String] = []
        func compare(_ name: String, _ now: String?, _ before: String?) {
            if now != before { changes.append("\(name) \(now ?? "none") instead of \(before ?? "none")") }
        }
        compare("destination", destination, earlier.destination)
        compare("brand", brand.map(String.init), earlier.brand.map(String.init))
        compare("assignee", assignee, earlier.assignee)
        compare("tags", "[\(tags.joined(separator: ", "))]", "[\(earlier.tags.joined(separator: ", "))]")
        compare("staff only", staffOnly.map { $0 ? "yes" : "no" }, earlier.staffOnly.map { $0 ? "yes" : "no" })
        for key in Set(settings.keys).union(earlier.settings.keys).sorted() {
            compare(key, settings[key].map(Self.shortened), earlier.settings[key].map(Self.shortened))
        }
        return changes
    }

    /// A setting's value as a change shows it: a long one (a rendered template) cut after 60 characters.
    private static func shortened(_ value: String) -> String {
        value.count <= 60 ? value : "\(value.prefix(60))…"
    }

    /// The outcome in a few words: `delivered to spp`, `dropped (spam keywords)`, `not delivered`.
    private static func describe(_ decision: RoutedDecision) -> String {
        switch decision.outcome {
        case "deliver": "delivered to \(decision.destination ?? "?")"
        case "drop": "dropped (\(decision.dropReason ?? ""))"
        default: "not delivered"
        }
    }
}
