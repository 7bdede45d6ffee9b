/// Writes a rules document of `rules` rules in a realistic mix.
enum RuleFactory {
    static func document(rules: Int) -> String {
        var lines = [
            "sources:",
            "  web: { kind: form, verify: { scheme: none } }",
            "destinations:",
            "  spp: { vendor: spp, url: \"https://acme.spp.co\" }",
            "  other: { vendor: spp, url: \"https://other.spp.co\" }",
            "defaults: { destination: spp, tags: [inbound] }",
            "rules:",
        ]
        for index in 0..<rules {
            lines.append("  - name: rule-\(index)")
            lines.append("    when: \(condition(index))")
            lines.append("    set: { tags: [t\(index % 50)], assignee: \(index % 20 + 1)\(index % 7 == 0 ? ", destination: other" : "") }")
            if index % 3 == 0 { lines.append("    continue: true") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One condition; every tenth kind of condition is a regular expression, and almost none match.
    static func condition(_ index: Int) -> String {
        let word = "word\(index)"
        switch index % 20 {
        case 0, 1, 2, 3: return "{ subject: { contains: [\(word), urgent-\(index)] } }"
        case 4, 5: return "{ body: { contains: \(word) } }"
        case 6, 7: return "{ fields.plan: plan-\(index) }"
        case 8: return "{ fields.product: { in: [p\(index), q\(index), r\(index)] } }"
        case 9, 10: return "{ sender.email: { domain: [customer\(index).example] } }"
        case 11: return "{ subject: { starts_with: \"[\(word)]\" } }"
        case 12: return "{ fields.seats: { gt: \(1_000 + index) } }"
        case 13: return "{ headers.x-tenant: { exists: true }, fields.region: r\(index) }"
        case 14: return "{ subject: { matches: \"^\\\\[\(word)-\\\\d+\\\\]\" } }"
        case 15: return "{ any: [ { fields.plan: enterprise-\(index) }, { subject: { contains: \(word) } } ] }"
        case 16: return "{ all: [ { fields.region: eu }, { fields.plan: x\(index) } ] }"
        case 17: return "{ not: { sender.email: { ends_with: \"@example.com\" } }, fields.tier: t\(index) }"
        case 18: return "{ recipient: support-\(index)@acme.example }"
        default: return "{ source: web, subject: { contains: \"order \(index)\" } }"
        }
    }
}
