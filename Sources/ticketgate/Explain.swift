import ArgumentParser
import Foundation
import TicketGateCore
import TicketGateServer

/// `ticketgate explain`: what the gateway would do with one payload, and why.
struct Explain: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run one payload through verification, normalization and the rules, and print the decision and the requests it would send."
    )

    @OptionGroup var rules: RulesOptions

    @Option(help: "The source the payload is posted to.")
    var source: String

    @Option(
        name: .customLong("header"),
        help: "A request header, such as 'X-Signature: sha256=…'; repeat for more. Default Content-Type: application/json.")
    var headers: [String] = []

    @Flag(help: "Skip signature verification.")
    var noVerify = false

    @Flag(help: "Print JSON instead of text.")
    var json = false

    @Option(
        help: ArgumentHelp(
            "When the payload arrives, for rules that read received_at (business hours): RFC 3339 with its zone, such as 2026-12-05T18:30:00+01:00. Default: now. A signed timestamp is checked against it; add --no-verify for a payload signed at another time.",
            valueName: "time"))
    var at: String?

    @Argument(help: "The payload file, as the provider posts it.")
    var file: String

    func validate() throws {
        for header in headers where !header.contains(":") {
            throw ValidationError("--header takes 'Name: value', found '\(header)'")
        }
        if let at, RFC3339Time.parse(at) == nil {
            throw ValidationError("--at takes an RFC 3339 time with its zone, such as 2026-12-05T18:30:00+01:00, found '\(at)'")
        }
    }

    func run() async throws {
        guard let body = FileManager.default.contents(atPath: file) else {
            throw ValidationError("cannot read \(file)")
        }
        let pairs = headers.map { header -> (String, String) in
            let parts = header.split(separator: ":", maxSplits: 1)
            return (String(parts[0]).trimmingCharacters(in: .whitespaces), String(parts[1]).trimmingCharacters(in: .whitespaces))
        }
        let options = Explainer.Options(
            rulesDirectory: rules.directory, environment: ProcessInfo.processInfo.environment, source: source, headers: pairs,
            verify: !noVerify, json: json, receivedAt: at.flatMap(RFC3339Time.parse)
        )
        do {
            let (output, accepted) = try await Explainer.run(options, body: body)
            Terminal.print(output, json: json)
            if !accepted { throw ExitCode.failure }
        } catch let error as ExitCode {
            throw error
        } catch {
            Terminal.printError("ticketgate: \(error)")
            throw ExitCode.failure
        }
    }
}
