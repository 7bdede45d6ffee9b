// swift-tools-version: 6.1
// libFuzzer targets for ticketgate's parsers, a package of their own so that `swift test` never builds them.
// Build and run them with `Fuzz/run SECONDS` (libFuzzer needs `-sanitize=fuzzer`, which the script passes).
import PackageDescription

let fuzzTargets: [(name: String, path: String, products: [String])] = [
    ("fuzz-json-reader", "Targets/JSONReader", ["TicketGateCore"]),
    ("fuzz-payload", "Targets/Payload", ["TicketGateCore", "TicketGateInbound"]),
    ("fuzz-normalizers", "Targets/Normalizers", ["TicketGateCore", "TicketGateInbound"]),
    ("fuzz-verification", "Targets/Verification", ["TicketGateCore", "TicketGateInbound"]),
    ("fuzz-mail-headers", "Targets/MailHeaders", ["TicketGateCore", "TicketGateInbound"]),
    ("fuzz-html-text", "Targets/HTMLText", ["TicketGateCore"]),
    ("fuzz-rules-loader", "Targets/RulesLoader", ["TicketGateCore", "TicketGateRules", "TicketGateInbound", "TicketGateVendors"]),
]

let package = Package(
    name: "ticketgate-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "ticketgate", path: ".."),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
    ],
    targets: [.target(name: "FuzzSupport", path: "Support")]
        + fuzzTargets.map { target in
            .executableTarget(
                name: target.name,
                dependencies: ["FuzzSupport", .product(name: "HTTPTypes", package: "swift-http-types")]
                    + target.products.map { .product(name: $0, package: "ticketgate") },
                path: target.path
            )
        }
)
