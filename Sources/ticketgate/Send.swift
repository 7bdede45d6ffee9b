import ArgumentParser
import Foundation
import TicketGateServer

/// `ticketgate send`: a test payload signed as the source's provider signs it, posted to a running gateway.
struct Send: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Sign a payload with a source's scheme and first secret from the rules, and post it to the running gateway.",
        discussion: """
            The payload goes to POST /hooks/SOURCE as the provider would send it: signed with the source's \
            verification scheme and the first of its secrets, with a fresh timestamp and delivery id where the \
            scheme signs them. Prints the gateway's status and answer; exits 1 unless the answer is a success.
            """
    )

    @OptionGroup var rules: RulesOptions

    @OptionGroup var gateway: AdminOptions

    @Option(help: "The payload's Content-Type. Default: application/json when it starts with { or [, else application/x-www-form-urlencoded.")
    var contentType: String?

    @Argument(help: "The source, as the rules name it.")
    var source: String

    @Argument(help: "The payload file, as the provider posts it.")
    var file: String

    func run() async throws {
        guard let body = FileManager.default.contents(atPath: file) else {
            throw ValidationError("cannot read \(file)")
        }
        let options = PayloadSender.Options(
            rulesDirectory: rules.directory, environment: ProcessInfo.processInfo.environment, baseURL: gateway.baseURL, source: source,
            contentType: contentType)
        do {
            let answer = try await PayloadSender.send(body, options: options)
            Terminal.print("\(answer.status) \(answer.body)")
            if !answer.isSuccess { throw ExitCode.failure }
        } catch let error as ExitCode {
            throw error
        } catch {
            Terminal.printError("ticketgate: \(error)")
            throw ExitCode.failure
        }
    }
}
