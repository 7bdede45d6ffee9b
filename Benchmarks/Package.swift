// swift-tools-version: 6.1
// ticketgate's benchmarks, a package of their own so that `swift test` and the Docker build never build them.
// Build them as the Docker image builds the gateway (release, the Swift runtime linked statically):
//   swift build --package-path Benchmarks -c release --static-swift-stdlib --product rules-bench
// BENCHMARKS.md has each one's command and figures.
import PackageDescription

let package = Package(
    name: "ticketgate-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "ticketgate", path: ".."),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
    ],
    targets: [
        // Rule evaluation per event at 10 to 5,000 rules.
        .executableTarget(
            name: "rules-bench",
            dependencies: [
                .product(name: "TicketGateCore", package: "ticketgate"),
                .product(name: "TicketGateRules", package: "ticketgate"),
                .product(name: "TicketGateInbound", package: "ticketgate"),
                .product(name: "TicketGateVendors", package: "ticketgate"),
            ],
            path: "rules"
        ),
        // Each ingest step alone: verification, parsing, normalization, rules.
        .executableTarget(
            name: "steps-bench",
            dependencies: [
                .product(name: "TicketGateCore", package: "ticketgate"),
                .product(name: "TicketGateRules", package: "ticketgate"),
                .product(name: "TicketGateInbound", package: "ticketgate"),
                .product(name: "TicketGateVendors", package: "ticketgate"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            path: "steps"
        ),
        // What each parser costs per MiB of hostile input; `hostile/run` drives it.
        .executableTarget(
            name: "hostile-bench",
            dependencies: [
                .product(name: "TicketGateCore", package: "ticketgate"),
                .product(name: "TicketGateInbound", package: "ticketgate"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            path: "hostile",
            exclude: ["run", "attack.py"]
        ),
        // Delivery drain to a local vendor.
        .executableTarget(
            name: "delivery-bench",
            dependencies: [
                .product(name: "TicketGateCore", package: "ticketgate"),
                .product(name: "TicketGateServer", package: "ticketgate"),
                .product(name: "TicketGateStore", package: "ticketgate"),
                .product(name: "TicketGateStorePostgres", package: "ticketgate"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "delivery"
        ),
        // `ingest/run`: the bare Hummingbird handler ticketgate's ingest is compared with.
        .executableTarget(
            name: "ingest-ceiling",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird")],
            path: "ingest/Ceiling"
        ),
        // `ingest/run`: the least any gateway that keeps ticketgate's 202 promise can do.
        .executableTarget(
            name: "durable-floor",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            path: "ingest/DurableFloor"
        ),
    ]
)
