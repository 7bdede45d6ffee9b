import ArgumentParser
import Foundation
import TicketGateCore
import TicketGateServer

/// `ticketgate events retry`: puts dead deliveries back in the outbox, one or all of a destination's.
struct EventsRetry: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "retry", abstract: "Put a dead (or failed) delivery back in the outbox.")

    @Argument(help: "The delivery number, as `events show` prints it (#12, or 12).")
    var delivery: DeliveryNumber?

    @Option(help: "Retry every dead delivery of this destination instead.")
    var destination: String?

    @Flag(help: "With --destination, retry failed deliveries too, not only dead ones.")
    var failed = false

    @Flag(help: "Print JSON instead of text.")
    var json = false

    @OptionGroup var admin: AdminOptions

    func validate() throws {
        guard (delivery == nil) != (destination == nil) else {
            throw ValidationError("name a delivery number or --destination, not both")
        }
    }

    func run() async throws {
        try await reportingFailures {
            let client = try admin.client()
            let requeued: RequeuedDeliveries
            if let delivery {
                requeued = try await client.post("/admin/deliveries/\(delivery.value)/retry", as: RequeuedDeliveries.self)
            } else {
                let name = destination.map(PercentEncoding.component) ?? ""
                requeued = try await client.post(
                    "/admin/destinations/\(name)/retry", query: [("failed", failed ? "true" : nil)], as: RequeuedDeliveries.self)
            }
            Terminal.print(json ? try AdminReports.json(requeued) : AdminReports.format(requeued), json: json)
        }
    }
}

/// A delivery's number as `events show` and `events list` print it (`#12`), or without its sign (`12`).
struct DeliveryNumber: ExpressibleByArgument {
    let value: Int64

    init?(argument: String) {
        guard let value = Int64(argument.hasPrefix("#") ? argument.dropFirst() : Substring(argument)), value > 0 else { return nil }
        self.value = value
    }
}
