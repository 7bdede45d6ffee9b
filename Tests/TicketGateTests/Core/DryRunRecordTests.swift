import Testing
import TicketGateCore

/// The dry-run record the dry-run client writes and the console and `events show` read: its detail has the keys
/// the audit has always had, so records stored before it read back too.
@Suite struct DryRunRecordTests {
    @Test func aStoredDetailReadsBackAsTheRecord() {
        let stored: [String: JSONValue] = [
            "method": "POST", "url": "https://acme.spp.co/api/tickets",
            "headers": ["Authorization: Bearer <credential>", "Accept: application/json"],
            "body": #"{"subject":"Hi"}"#, "condition": "only when the lookup finds no client",
        ]
        let record = DryRunRecord(detail: stored)
        #expect(record?.method == "POST")
        #expect(record?.headers == ["Authorization: Bearer <credential>", "Accept: application/json"])
        #expect(record?.condition == "only when the lookup finds no client")
        #expect(record?.detail == stored)
    }

    @Test func theRecordOfARenderedRequestWritesItsHeadersAsLines() {
        let request = RenderedRequest(method: "GET", url: "https://x.example/a", headers: [("Accept", "application/json")], body: nil)
        let detail = DryRunRecord(request).detail
        #expect(detail == ["method": "GET", "url": "https://x.example/a", "headers": ["Accept: application/json"]])
        // The record that closes a dry run holds no request.
        #expect(DryRunRecord(detail: ["destination": "spp", "attempt": 1]) == nil)
    }
}
