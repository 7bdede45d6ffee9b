import ArgumentParser
import TicketGateServer

/// The `ticketgate` command: the gateway and the tools operators run next to it.
@main
struct TicketGate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ticketgate",
        abstract: "Webhook-to-ticket gateway: verified inbound events become helpdesk tickets.",
        version: BuildInfo.line,
        subcommands: [Serve.self, Check.self, Explain.self, RulesTest.self, Preview.self, Send.self, Events.self, Destinations.self, Instances.self]
    )
}
