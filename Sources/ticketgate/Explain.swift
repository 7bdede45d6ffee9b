import ArgumentParser
import Foundation
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

    @Argument(help: "The payload file, as the provider posts it.")
    var file: String

    func validate() throws {
        for header in headers where !header.contains(":") {
            throw ValidationError("--header takes 'Name: value', found '\(header)'")
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
            verify: !noVerify, json: json
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
