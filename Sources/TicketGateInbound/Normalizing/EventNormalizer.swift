import TicketGateCore

/// Turns one provider format's payload into the normalized event.
protocol EventNormalizer: Sendable {
    /// Fills `event` (which already holds the id, source, time, client and headers) from the request body.
    func normalize(_ request: InboundRequest, into event: inout InboundEvent) throws(InboundError)
}
