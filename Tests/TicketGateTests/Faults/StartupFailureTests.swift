import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `ticketgate serve` that cannot serve says so and exits non-zero, with one line naming the cause (the address,
/// the file, the database), so a supervisor's `Restart=on-failure` fires and the operator reads why; and no
/// start-up error, whatever part of the configuration is wrong, prints a password, a token or a secret.
@Suite struct StartupFailureTests {
    /// A value that must never reach the terminal.
    static let canary = "CANARY-7f3a9c"

    /// `serve` with `arguments` in a fresh directory (the sample rules unless `rules` says otherwise, a SQLite
    /// database of its own unless the arguments name one).
    static func serve(_ arguments: [String], environment: [String: String] = [:], rules: String? = nil) async throws -> (
        output: String, status: Int32
    ) {
        let directory = try TemporaryDirectory()
        let rulesDirectory =
            (try directory.write("rules/rules.yml", rules ?? TestRules.website(sppURL: "https://spp.example", token: nil)) as NSString)
            .deletingLastPathComponent
        var all = ["serve", "--rules", rulesDirectory, "--port", "0"]
        if !arguments.contains("--database") { all += ["--database", "sqlite:" + directory.file("data/ticketgate.sqlite")] }
        let ended = try await TicketGateCommand.run(all + arguments, environment: TestRules.environment.merging(environment) { _, new in new })
        withExtendedLifetime(directory) {}
        return ended
    }

    /// The line that says why `serve` did not start.
    static func cause(_ output: String) -> String? {
        output.split(separator: "\n").last { $0.hasPrefix("ticketgate: cannot start: ") }.map(String.init)
    }

    @Test func aPortInUseExitsNonZeroNamingTheAddress() async throws {
        let taken = try TakenPort()
        let (output, status) = try await Self.serve(["--port", "\(taken.port)"])
        #expect(status != 0)
        #expect(Self.cause(output) == "ticketgate: cannot start: cannot listen on 127.0.0.1:\(taken.port): address already in use", "\(output)")
    }

    @Test func rulesThatCannotBeReadExitNonZeroNamingTheFile() async throws {
        let directory = try TemporaryDirectory()
        let rules = directory.file("rules")
        try FileManager.default.createDirectory(atPath: rules + "/broken.yml", withIntermediateDirectories: true)
        let (output, status) = try await TicketGateCommand.run(
            ["serve", "--rules", rules, "--port", "0", "--database", "sqlite:" + directory.file("data/t.sqlite")])
        #expect(status != 0)
        #expect(Self.cause(output)?.contains("\(rules)/broken.yml") == true, "\(output)")
    }

    /// Every way the configuration can be wrong, each holding the canary where a secret goes.
    static let wrongConfigurations: [(name: String, arguments: [String], environment: [String: String], rules: String?)] = [
        ("port that is not a number", ["--database", "postgres://tg:\(canary)@db.example:notaport/tg"], [:], nil),
        ("unknown sslmode", ["--database", "postgres://tg:\(canary)@127.0.0.1:5432/tg?sslmode=sometimes"], [:], nil),
        ("unknown parameter", ["--database", "postgres://tg:\(canary)@127.0.0.1:5432/tg?password=\(canary)"], [:], nil),
        ("no database name", ["--database", "postgres://tg:\(canary)@127.0.0.1:5432"], [:], nil),
        ("a password with a slash", ["--database", "postgres://tg:ab/\(canary)@127.0.0.1:5432/tg"], [:], nil),
        ("a password with a question mark", ["--database", "postgres://tg:ab?\(canary)@127.0.0.1:5432/tg"], [:], nil),
        ("a percent-encoded password", ["--database", "postgres://tg:%43ANARY-7f3a9c@127.0.0.1:1/tg", "--database-wait", "0"], [:], nil),
        ("nothing listening", ["--database", "postgres://tg:\(canary)@127.0.0.1:1/tg", "--database-wait", "0"], [:], nil),
        ("a host that does not resolve", ["--database", "postgres://tg:\(canary)@no-such-host.invalid/tg", "--database-wait", "0"], [:], nil),
        ("not a database URL", ["--database", "mysql://tg:\(canary)@127.0.0.1/tg"], [:], nil),
        ("a short admin token", [], ["TICKETGATE_ADMIN_TOKEN": canary], nil),
        ("an admin token of spaces", [], ["TICKETGATE_ADMIN_TOKEN": String(repeating: " ", count: 20)], nil),
        (
            "rules that do not load", [], ["WEBSITE_SECRET": canary],
            TestRules.website(sppURL: "https://spp.example", token: canary) + "\n  - name: broken\n    when: { nowhere: 1 }\n"
        ),
        ("a destination token in rules that do not load", [], [:], "destinations: { spp: { vendor: spp, url: 'x', token: '\(canary)' } }\nnope: 1\n"),
    ]

    @Test(arguments: wrongConfigurations.indices)
    func aWrongConfigurationExitsNonZeroWithoutPrintingASecret(index: Int) async throws {
        let configuration = Self.wrongConfigurations[index]
        let (output, status) = try await Self.serve(configuration.arguments, environment: configuration.environment, rules: configuration.rules)
        #expect(status != 0, "\(configuration.name): \(output)")
        #expect(Self.cause(output) != nil, "\(configuration.name): \(output)")
        #expect(!output.contains(Self.canary), "\(configuration.name) printed the secret: \(output)")
        #expect(!output.contains("ANARY-7f3a9c"), "\(configuration.name) printed the secret: \(output)")
    }
}

/// A loopback port something else listens on, for as long as the value lives.
final class TakenPort: Sendable {
    let port: Int
    private let socket: Int32

    init() throws {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw HarnessError("socket: \(String(cString: strerror(errno)))") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let listening = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(socket, socketAddress, length) == 0 && listen(socket, 1) == 0 && getsockname(socket, socketAddress, &length) == 0
            }
        }
        guard listening else {
            close(socket)
            throw HarnessError("bind: \(String(cString: strerror(errno)))")
        }
        self.socket = socket
        self.port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit {
        close(socket)
    }
}
