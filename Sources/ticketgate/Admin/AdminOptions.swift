import ArgumentParser
import Foundation
import TicketGateServer

/// `--url` of the running gateway, and its admin token from `TICKETGATE_ADMIN_TOKEN` for the admin API.
struct AdminOptions: ParsableArguments {
    @Option(help: "The gateway's base URL. Environment: TICKETGATE_URL. Default: http://127.0.0.1:8080")
    var url: String?

    var baseURL: String {
        var url = url ?? ProcessInfo.processInfo.environment["TICKETGATE_URL"] ?? "http://127.0.0.1:8080"
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }

    /// The token, when the environment has one.
    var token: String? {
        ProcessInfo.processInfo.environment["TICKETGATE_ADMIN_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// A client of the admin API; fails with a hint when no token is set.
    func client() throws -> AdminClient {
        guard let token else {
            throw CommandFailure("this command talks to the running gateway's admin API: set TICKETGATE_ADMIN_TOKEN to the gateway's token")
        }
        return AdminClient(baseURL: baseURL, token: token)
    }
}

/// A command that failed with a message for the operator; exits 1.
struct CommandFailure: OperatorFacingError {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
