import Foundation
import Testing
import TicketGateCore

/// The vendor-call record the clients write and the console reads: its detail keeps the audit's keys, reads back
/// as the record written, and long bodies are cut saying so.
@Suite struct VendorCallRecordTests {
    @Test func theDetailReadsBackAsTheRecordWritten() throws {
        let record = VendorCallRecord(
            method: "POST", path: "/api/tickets", status: 422, durationMilliseconds: 4.7, requestID: "req-1", error: "invalid",
            requestBody: #"{"subject":"Hi"}"#, responseBody: #"{"message":"invalid"}"#)
        let detail = record.detail
        #expect(detail["method"] == .string("POST"))
        #expect(detail["status"] == .int(422))
        #expect(detail["duration_ms"] == .double(4.7))
        #expect(detail["request_id"] == .string("req-1"))
        #expect(detail["request_body"] == .string(#"{"subject":"Hi"}"#))
        #expect(VendorCallRecord(detail: detail) == record)
        #expect(VendorCallRecord(detail: ["method": "GET"]) == nil)
    }

    @Test func aCallWithoutAnAnswerHasNoStatus() {
        let record = VendorCallRecord(method: "GET", path: "/x", status: nil, durationMilliseconds: 30000, error: "timed out")
        #expect(record.detail["status"] == nil)
        #expect(VendorCallRecord(detail: record.detail)?.status == nil)
    }

    @Test func longBodiesAreCutSayingSo() {
        let long = String(repeating: "é", count: VendorCallRecord.bodyLimit + 1)
        let record = VendorCallRecord(method: "POST", path: "/x", status: 500, durationMilliseconds: 1, responseBody: long)
        #expect(record.responseBody == String(repeating: "é", count: VendorCallRecord.bodyLimit) + "… (cut at 2000 characters)")
        #expect(VendorCallRecord(method: "POST", path: "/x", status: 500, durationMilliseconds: 1, responseBody: "short").responseBody == "short")
    }
}
