import ArgumentParser
import TicketGateServer

/// `ticketgate instances`: the gateway instances sharing the store, from any one of them.
struct Instances: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the gateway instances sharing the database: alive or gone, attempts running, last heartbeat.")

    @Flag(help: "Print JSON instead of text.")
    var json = false

    @OptionGroup var admin: AdminOptions

    func run() async throws {
        try await reportingFailures {
            let list = try await admin.client().get("/admin/instances", as: InstanceList.self)
            Terminal.print(json ? try AdminReports.json(list) : AdminReports.format(list), json: json)
        }
    }
}
