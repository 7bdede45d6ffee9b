// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "ticketgate",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ticketgate", targets: ["ticketgate"]),
        // The targets as libraries, for `Fuzz/` and `Benchmarks/`, packages of their own.
        .library(name: "TicketGateCore", targets: ["TicketGateCore"]),
        .library(name: "TicketGateRules", targets: ["TicketGateRules"]),
        .library(name: "TicketGateInbound", targets: ["TicketGateInbound"]),
        .library(name: "TicketGateVendors", targets: ["TicketGateVendors"]),
        .library(name: "TicketGateStore", targets: ["TicketGateStore"]),
        .library(name: "TicketGateStorePostgres", targets: ["TicketGateStorePostgres"]),
        .library(name: "TicketGateServer", targets: ["TicketGateServer"]),
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
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
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
                "ticketgate", "TicketGateServer", "TicketGateCore", "TicketGateRules", "TicketGateInbound", "TicketGateVendors",
                "TicketGateStore", "TicketGateStorePostgres",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                // Raw TCP connections, for requests an HTTP client will not send: slow headers, bad framing, HTTP/1.0.
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
    ]
)
