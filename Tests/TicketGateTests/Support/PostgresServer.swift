import Foundation
import Logging
import PostgresNIO
import Synchronization
import Testing
import TicketGateCore

@testable import TicketGateStorePostgres

#if canImport(Glibc)
    import Glibc
#endif

/// A throwaway PostgreSQL server for the tests: `initdb` into a temporary directory, started with `pg_ctl` on
/// a free loopback port (as the `postgres` user when the tests run as root, since the server refuses root),
/// one per test process, stopped and removed when the process exits. Each test gets a database of its own.
///
/// The server binaries are found in `TICKETGATE_TEST_POSTGRES_BIN` or the newest `/usr/lib/postgresql/*/bin`
/// (Debian's `postgresql` package). Without them the suites that need PostgreSQL are skipped, saying why,
/// unless `TICKETGATE_TEST_POSTGRES=required` (as `.ci/run` sets), which makes their absence a failure.
final class PostgresServer: Sendable {
    let port: Int
    /// The server's directory (its data in `data/`, its socket, its log).
    let directory: String
    /// The password of `user`, on a server that asks for one; `nil` where every local login is trusted.
    let password: String?
    private let asRoot: Bool
    private let databases = Atomic<Int>(0)

    private init(port: Int, directory: String, password: String?, asRoot: Bool) {
        self.port = port
        self.directory = directory
        self.password = password
        self.asRoot = asRoot
    }

    /// The directory holding `initdb` and `pg_ctl`, if the server is installed.
    static let binaries: String? = {
        let fileManager = FileManager.default
        if let configured = ProcessInfo.processInfo.environment["TICKETGATE_TEST_POSTGRES_BIN"] {
            return fileManager.isExecutableFile(atPath: configured + "/initdb") ? configured : nil
        }
        let versions = (try? fileManager.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        return versions.compactMap(Int.init).sorted().reversed().map { "/usr/lib/postgresql/\($0)/bin" }
            .first { fileManager.isExecutableFile(atPath: $0 + "/initdb") }
    }()

    static let isRequired = ProcessInfo.processInfo.environment["TICKETGATE_TEST_POSTGRES"] == "required"

    /// Whether the suites that need PostgreSQL run: the server is installed, or CI requires it (and then fails
    /// without it).
    static let isAvailable = binaries != nil || isRequired

    static let skipReason: Comment = """
        PostgreSQL server binaries not found (install Debian's postgresql, or set TICKETGATE_TEST_POSTGRES_BIN); \
        TICKETGATE_TEST_POSTGRES=required makes this a failure
        """

    /// The process's server, started by the first test that asks for it.
    static let shared = Task<PostgresServer, any Error> { try await start(password: nil) }

    /// A server of the test's own, which the test may stop and start again; removed when the test process ends.
    /// With a `password`, logins must give it (SCRAM), as a production server asks.
    static func startPrivate(password: String? = nil) async throws -> PostgresServer {
        try await start(password: password)
    }

    /// A new empty database on the shared server.
    static func makeDatabase() async throws -> PostgresLocation {
        let server = try await shared.value
        return try await server.makeDatabase()
    }

    func makeDatabase() async throws -> PostgresLocation {
        let name = "ticketgate_test_\(getpid())_\(databases.add(1, ordering: .relaxed).newValue)"
        let administration = location(database: "postgres")
        try await Self.withClient(administration) { client in
            _ = try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
        }
        return location(database: name)
    }

    func location(database: String) -> PostgresLocation {
        PostgresLocation(host: "127.0.0.1", port: port, username: Self.user, password: password, database: database, tls: .disable)
    }

    /// Stops the server at once, as a crash or a failover does: every connection is cut (`pg_ctl stop -m
    /// immediate`).
    func stop() async throws {
        try await Self.run(Self.binaries! + "/pg_ctl", ["-D", directory + "/data", "-m", "immediate", "-w", "stop"], asRoot: asRoot)
    }

    /// Starts the stopped server again on the same port; returns once it accepts connections.
    func restart() async throws {
        let started = try await Self.startServer(directory: directory, port: port, asRoot: asRoot)
        guard started.status == 0 else { throw HarnessError("PostgreSQL did not start again: \(started.output)") }
        Self.stopAtExit(directory: directory)
    }

    /// Runs `body` with two stores on one new database, as two instances hold them (each with its background
    /// work running, as the gateway's service group runs it).
    static func withTwoStores(
        timing: PostgresTiming = PostgresTiming(), _ body: (PostgresEventStore, PostgresEventStore) async throws -> Void
    ) async throws {
        try await withTwoStoresAndTheirDatabase(timing: timing) { _, first, second in try await body(first, second) }
    }

    /// Runs `body` with the location of a new database and two stores on it, each running (`run()`: its
    /// connections, notifications, the database's clock).
    static func withTwoStoresAndTheirDatabase(
        timing: PostgresTiming = PostgresTiming(), _ body: (PostgresLocation, PostgresEventStore, PostgresEventStore) async throws -> Void
    ) async throws {
        let location = try await makeDatabase()
        let first = try await PostgresEventStore(location: location, timing: timing, logger: Logger(label: "first"))
        let second = try await PostgresEventStore(location: location, timing: timing, logger: Logger(label: "second"))
        try await first.whileRunning {
            try await second.whileRunning { try await body(location, first, second) }
        }
    }

    /// Runs `body` with a running client of `location`; the client stops when `body` returns.
    @discardableResult
    static func withClient<Result: Sendable>(
        _ location: PostgresLocation, _ body: @Sendable (PostgresClient) async throws -> Result
    ) async throws -> Result {
        let client = PostgresClient(configuration: location.configuration, backgroundLogger: Logger(label: "postgres-test"))
        return try await withThrowingTaskGroup(of: Void.self) { group in
            let (starting, starts) = AsyncStream.makeStream(of: Void.self)
            group.addTask {
                starts.yield()
                await client.run()
            }
            defer { group.cancelAll() }
            for await _ in starting.prefix(1) {}
            return try await body(client)
        }
    }

    /// Runs `body` on a connection of its own to `location` (no store, no migration), closed when `body` returns.
    @discardableResult
    static func withConnection<Result: Sendable>(_ location: PostgresLocation, _ body: (PostgresConnection) async throws -> Result) async throws
        -> Result
    {
        try await PostgresConnections.withSingleConnection(location, timeout: .seconds(10), logger: Logger(label: "postgres-test"), body)
    }

    static let user = "ticketgate"

    private static func start(password: String?) async throws -> PostgresServer {
        guard let binaries else { throw HarnessError("\(skipReason)") }
        let asRoot = geteuid() == 0
        var template = Array("/tmp/ticketgate-postgres-XXXXXX".utf8CString)
        guard let created = mkdtemp(&template) else { throw HarnessError("mkdtemp: \(String(cString: strerror(errno)))") }
        let directory = String(cString: created)
        if asRoot {
            guard let account = getpwnam("postgres") else {
                throw HarnessError("running as root needs the postgres user (Debian's postgresql package makes it)")
            }
            guard chown(directory, account.pointee.pw_uid, account.pointee.pw_gid) == 0 else {
                throw HarnessError("chown \(directory): \(String(cString: strerror(errno)))")
            }
        }
        let data = directory + "/data"
        var authentication = ["-A", "trust"]
        if let password {
            let passwordFile = directory + "/password"
            guard FileManager.default.createFile(atPath: passwordFile, contents: Data(password.utf8)) else {
                throw HarnessError("cannot write \(passwordFile)")
            }
            if asRoot, let account = getpwnam("postgres") { chown(passwordFile, account.pointee.pw_uid, account.pointee.pw_gid) }
            authentication = ["-A", "scram-sha-256", "--pwfile", passwordFile]
        }
        try await run(
            binaries + "/initdb", ["-D", data, "-U", user, "-E", "UTF8", "--no-sync", "--no-instructions"] + authentication, asRoot: asRoot)
        var lastFailure = ""
        // Another process may take the free port between its choice and the server's bind: three tries.
        for _ in 0..<3 {
            let port = try freeLoopbackPort()
            let started = try await startServer(directory: directory, port: port, asRoot: asRoot)
            if started.status == 0 {
                Self.stopAtExit(directory: directory)
                return PostgresServer(port: port, directory: directory, password: password, asRoot: asRoot)
            }
            lastFailure = started.output + ((try? String(contentsOfFile: directory + "/server.log", encoding: .utf8)) ?? "")
        }
        try? FileManager.default.removeItem(atPath: directory)
        throw HarnessError("PostgreSQL did not start: \(lastFailure)")
    }

    /// `pg_ctl start` of the server in `directory` on `port`, waiting until it accepts connections.
    private static func startServer(directory: String, port: Int, asRoot: Bool) async throws -> (output: String, status: Int32) {
        let options = "-p \(port) -k \(directory) -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300"
        return try await run(
            binaries! + "/pg_ctl", ["-D", directory + "/data", "-l", directory + "/server.log", "-w", "-t", "60", "-o", options, "start"],
            asRoot: asRoot, checked: false)
    }

    @discardableResult
    private static func run(_ executable: String, _ arguments: [String], asRoot: Bool, checked: Bool = true) async throws -> (
        output: String, status: Int32
    ) {
        let (command, commandArguments) = asRoot ? ("/usr/sbin/runuser", ["-u", "postgres", "--", executable] + arguments) : (executable, arguments)
        let result = try await ChildProcess.run(command, commandArguments, directory: "/tmp", mergingError: true)
        let output = String(decoding: result.output, as: UTF8.self)
        if checked, result.status != 0 {
            throw HarnessError("\(executable) exited with \(result.status): \(output)")
        }
        return (output, result.status)
    }

    /// A port nothing listens on at the moment of asking.
    private static func freeLoopbackPort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw HarnessError("socket: \(String(cString: strerror(errno)))") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(socket, socketAddress, length) == 0 && getsockname(socket, socketAddress, &length) == 0
            }
        }
        guard bound else { throw HarnessError("bind: \(String(cString: strerror(errno)))") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// The servers to stop when the test process exits, by directory.
    private static let running = Mutex<Set<String>>([])

    /// Stops the server in `directory` when the test process exits, and removes the directory.
    private static func stopAtExit(directory: String) {
        let first = running.withLock { running in
            defer { running.insert(directory) }
            return running.isEmpty
        }
        guard first else { return }
        atexit {
            for directory in PostgresServer.running.withLock({ $0 }) {
                let data = directory + "/data"
                guard let line = try? String(contentsOfFile: data + "/postmaster.pid", encoding: .utf8).split(separator: "\n").first,
                    let pid = pid_t(line)
                else {
                    try? FileManager.default.removeItem(atPath: directory)
                    continue
                }
                // SIGQUIT is PostgreSQL's immediate shutdown; the directory goes once the postmaster has ended.
                kill(pid, SIGQUIT)
                for _ in 0..<500 where kill(pid, 0) == 0 {
                    usleep(10_000)
                }
                try? FileManager.default.removeItem(atPath: directory)
            }
        }
    }
}

extension PostgresLocation {
    /// The URL `serve --database` takes for this location, its password included.
    var url: String {
        let user = PercentEncoding.component(username)
        let password = self.password.map { ":" + PercentEncoding.component($0) } ?? ""
        return "postgres://\(user)\(password)@\(host):\(port)/\(PercentEncoding.component(database))?sslmode=\(tls.rawValue)"
    }
}

extension PostgresClient {
    /// Returns once at least `count` sessions of the client's database wait for a lock (of any kind).
    func waitForLockWaiters(atLeast count: Int64, logger: Logger) async throws {
        var waiting: Int64 = 0
        while waiting < count {
            waiting =
                try await query(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()", logger: logger
                ).collect().first?.decode(Int64.self) ?? 0
        }
    }
}
