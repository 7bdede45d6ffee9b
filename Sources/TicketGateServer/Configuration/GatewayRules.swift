import Crypto
import Foundation
import Synchronization
import TicketGateCore
import TicketGateInbound
import TicketGateRules
import TicketGateVendors

/// The loaded rules with everything built from them: an endpoint per source, a client per destination, and
/// the version (a hash of the files) that each event's audit records.
struct GatewayRules: Sendable {
    let ruleSet: RuleSet
    let endpoints: [String: SourceEndpoint]
    let vendors: VendorClients
    let version: String
    /// What `ticketgate check` would warn of, logged when the rules are loaded.
    let warnings: [RulesProblem]

    init(ruleSet: RuleSet, version: String, warnings: [RulesProblem] = [], http: VendorHTTP) {
        self.ruleSet = ruleSet
        self.version = version
        self.warnings = warnings
        self.endpoints = ruleSet.sources.mapValues(SourceEndpoint.init)
        self.vendors = VendorClients(destinations: ruleSet.destinations, http: http)
    }

    /// Loads and compiles the rules directory, keeping its warnings; throws `RulesLoadError` with every problem
    /// when any is an error.
    static func load(directory: String, environment: [String: String], http: VendorHTTP) throws -> GatewayRules {
        let files = try RulesFile.files(in: directory)
        let (ruleSet, problems) = compile(files, environment: environment)
        guard let ruleSet else { throw RulesLoadError(problems: problems) }
        return GatewayRules(ruleSet: ruleSet, version: version(of: files), warnings: problems, http: http)
    }

    /// `files` compiled against the sources' formats and the vendors this build has: the rule set, unless a
    /// problem is an error, and every problem.
    static func compile(_ files: [RulesFile], environment: [String: String]) -> (RuleSet?, [RulesProblem]) {
        RulesLoader(environment: environment, formats: InboundFormats.supported, vendors: VendorRegistry.profiles).compile(files)
    }

    /// The first 12 hex digits of the SHA-256 of every file's name and text, in load order: the same rules have
    /// the same version wherever their directory is.
    static func version(of files: [RulesFile]) -> String {
        var hash = SHA256()
        for file in files {
            let name = file.path.split(separator: "/").last.map(String.init) ?? file.path
            hash.update(data: Array(name.utf8) + [0] + Array(file.contents.utf8) + [0])
        }
        return hash.finalize().prefix(6).map { String(format: "%02x", $0) }.joined()
    }
}

/// The rules in force. Requests and deliveries take a snapshot; a reload swaps it whole.
final class RulesState: Sendable {
    private let rules: Mutex<GatewayRules>

    init(_ rules: GatewayRules) {
        self.rules = Mutex(rules)
    }

    var current: GatewayRules {
        rules.withLock { $0 }
    }

    func replace(with new: GatewayRules) {
        rules.withLock { $0 = new }
    }
}
