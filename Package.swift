// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "ticketgate",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ticketgate", targets: ["ticketgate"])
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
    ],
    targets: [
        .target(
            name: "TicketGateCore",
            dependencies: [
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .target(
            name: "TicketGateRules",
            dependencies: [
                "TicketGateCore",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .target(
            name: "TicketGateInbound",
            dependencies: [
                "TicketGateCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                // MultipartKit's parser reads a ByteBuffer.
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .target(
            name: "TicketGateVendors",
            dependencies: [
                "TicketGateCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                // The signatures of webhook messages.
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                // AsyncHTTPClient's headers, bodies and connection errors are NIO's types.
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .target(
            name: "TicketGateStore",
            dependencies: ["TicketGateCore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(
            name: "TicketGateStorePostgres",
            dependencies: [
                "TicketGateCore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                // PostgresNIO's connection failures are NIO's errors.
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .target(
            name: "TicketGateServer",
            dependencies: [
                "TicketGateCore", "TicketGateRules", "TicketGateInbound", "TicketGateVendors", "TicketGateStore", "TicketGateStorePostgres",
                "TicketGateConsole",
                .product(name: "Hummingbird", package: "hummingbird"),
                // The gateway's HTTP/1 pipeline: Hummingbird's, with its connection limits between NIO's codec and Hummingbird's.
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                // The rules decide on a thread pool of their own (RuleEvaluation).
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            // `BuildInfo`: the version, commit and build date `--version` and `ticketgate_build_info` name.
            plugins: ["BuildInfo"]
        ),
        // The operator console, an HTML application of its own over what the gateway gives it (`ConsoleBackend`).
        .target(
            name: "TicketGateConsole",
            dependencies: [
                "TicketGateCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                // The session cookie's MAC and the constant-time comparison of tokens.
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "ticketgate",
            dependencies: [
                "TicketGateCore", "TicketGateServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // `--static-swift-stdlib` links with `-export-dynamic`; nothing looks the gateway's symbols up, and
            // the loader's start-up lookups through that table cost 2 MB of idle memory (BENCHMARKS.md, Memory).
            linkerSettings: [.unsafeFlags(["-Xlinker", "--no-export-dynamic"], .when(configuration: .release))]
        ),
        .testTarget(
            name: "TicketGateTests",
            dependencies: [
                "ticketgate", "TicketGateServer", "TicketGateConsole", "TicketGateCore", "TicketGateRules", "TicketGateInbound", "TicketGateVendors",
                "TicketGateStore", "TicketGateStorePostgres",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                // The reference YAML reader the golden cases' scalars are read back with.
                .product(name: "Yams", package: "Yams"),
                // Raw TCP connections, for requests an HTTP client will not send: slow headers, bad framing, HTTP/1.0.
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .plugin(name: "BuildInfo", capability: .buildTool()),
    ]
)

// The benchmarks (`Benchmarks/`) and the libFuzzer targets (`Fuzz/`) are targets of this package, reaching its
// `package` declarations, but only when asked for: `swift test`, `swift run ticketgate` and the Docker build
// never build them. `TICKETGATE_BENCHMARKS=1 swift build -c release --static-swift-stdlib --product rules-bench`
// builds one benchmark (BENCHMARKS.md has each one's command); `Fuzz/run` sets `TICKETGATE_FUZZ=1` itself.
if Context.environment["TICKETGATE_BENCHMARKS"] != nil {
    package.targets += [
        // Rule evaluation per event at 10 to 5,000 rules.
        .executableTarget(
            name: "rules-bench", dependencies: ["TicketGateCore", "TicketGateRules", "TicketGateInbound", "TicketGateVendors"],
            path: "Benchmarks/rules"
        ),
        // Each ingest step alone: verification, parsing, normalization, rules.
        .executableTarget(
            name: "steps-bench",
            dependencies: [
                "TicketGateCore", "TicketGateRules", "TicketGateInbound", "TicketGateVendors",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            path: "Benchmarks/steps"
        ),
        // What each parser costs per MiB of hostile input; `Benchmarks/hostile/run` drives it.
        .executableTarget(
            name: "hostile-bench",
            dependencies: ["TicketGateCore", "TicketGateInbound", .product(name: "HTTPTypes", package: "swift-http-types")],
            path: "Benchmarks/hostile", exclude: ["run", "attack.py", "held", "held.py"]
        ),
        // Delivery drain to a local vendor.
        .executableTarget(
            name: "delivery-bench",
            dependencies: [
                "TicketGateCore", "TicketGateServer", "TicketGateStore", "TicketGateStorePostgres",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/delivery"
        ),
        // `Benchmarks/ingest/run`: the bare Hummingbird handler ticketgate's ingest is compared with.
        .executableTarget(
            name: "ingest-ceiling", dependencies: [.product(name: "Hummingbird", package: "hummingbird")], path: "Benchmarks/ingest/Ceiling"
        ),
        // `Benchmarks/ingest/run`: the least any gateway that keeps ticketgate's 202 promise can do.
        .executableTarget(
            name: "durable-floor",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            path: "Benchmarks/ingest/DurableFloor"
        ),
    ]
}

if Context.environment["TICKETGATE_FUZZ"] != nil {
    let fuzzTargets: [(name: String, path: String, dependencies: [Target.Dependency])] = [
        ("fuzz-json-reader", "JSONReader", ["TicketGateCore"]),
        ("fuzz-payload", "Payload", ["TicketGateCore", "TicketGateInbound"]),
        ("fuzz-normalizers", "Normalizers", ["TicketGateCore", "TicketGateInbound"]),
        ("fuzz-verification", "Verification", ["TicketGateCore", "TicketGateInbound"]),
        ("fuzz-mail-headers", "MailHeaders", ["TicketGateCore", "TicketGateInbound"]),
        ("fuzz-html-text", "HTMLText", ["TicketGateCore"]),
        ("fuzz-rules-loader", "RulesLoader", ["TicketGateCore", "TicketGateRules", "TicketGateInbound", "TicketGateVendors"]),
    ]
    package.targets.append(.target(name: "FuzzSupport", path: "Fuzz/Support"))
    package.targets += fuzzTargets.map { target in
        .executableTarget(
            name: target.name,
            dependencies: ["FuzzSupport", .product(name: "HTTPTypes", package: "swift-http-types")] + target.dependencies,
            path: "Fuzz/Targets/\(target.path)"
        )
    }
}
