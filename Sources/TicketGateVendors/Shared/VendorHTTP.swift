import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import TicketGateCore

/// A vendor's answer to one request.
struct VendorResponse: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: Data
}

/// The one HTTP client all vendor clients share: sends a request, measures it, records it in the
/// attempt's audit, and classifies the status. Redirects are never followed, so credentials never leave the
/// configured host.
package struct VendorHTTP: Sendable {
    /// The largest response body read from a vendor.
    static let maxResponseBytes = 1 << 20
    /// The longest a vendor's `Retry-After` holds its destination.
    static let longestHold: Duration = .seconds(3600)

    let client: HTTPClient
    let timeout: Duration
    let logger: Logger
    /// Each destination's pacer, kept across rules reloads so a reload does not reset a rate limit.
    let pacers: PacerRegistry
    /// What the instances sharing the store agree on: request slots, `Retry-After` holds, and the locks on steps
    /// clients must not run twice at once for the same thing.
    let coordination: any InstanceCoordination

    package init(timeout: Duration = .seconds(30), logger: Logger, coordination: any InstanceCoordination = LocalCoordination()) {
        let configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .seconds(10), read: .seconds(30))
        )
        self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        self.timeout = timeout
        self.logger = logger
        self.coordination = coordination
        self.pacers = PacerRegistry(schedule: coordination)
    }

    package func shutdown() async throws {
        try await client.shutdown()
    }

    /// Sends `request`; returns the response when its status is 2xx, otherwise stops the attempt with the
    /// classified outcome. Every call leaves a `vendor_call` audit record, whatever its result.
    func send(
        _ request: VendorRequest,
        vendor: String,
        requestIDHeader: String?,
        pacer: RequestPacer<ContinuousClock>,
        journal: some DeliveryJournal
    ) async throws(DeliveryStop) -> VendorResponse {
        let call: TimedCall
        do {
            call = try await pacer.paced { await timed(request) }
        } catch let deferred as RequestDeferred {
            throw DeliveryStop(
                outcome: .deferred(
                    DeliveryFailure(.rateLimited, "\(vendor) is not to be sent to for \(deferred.delay) (rate limit or Retry-After)"),
                    for: deferred.delay))
        } catch is CancellationError {
            throw .retryable(.transport, "the attempt was cancelled while waiting for its turn")
        } catch {
            throw .retryable(.storeUnavailable, "could not take a turn to send to \(vendor): \(error)")
        }
        let (startedAt, elapsed) = (call.startedAt, call.elapsed)
        let response: VendorResponse
        switch call.result {
        case .success(let answer):
            response = answer
        case .failure(let error):
            let failure = Self.transportFailure(error, vendor: vendor, request: request)
            journal.note(callRecord(request, at: startedAt, elapsed: elapsed, status: nil, requestID: nil, error: failure.detail, answer: nil))
            log(request, status: nil, elapsed: elapsed)
            throw DeliveryStop(outcome: .retryable(failure, retryAfter: nil))
        }
        let requestID = requestIDHeader.flatMap { response.headers.first(name: $0) }
        log(request, status: response.status, elapsed: elapsed)
        // A success needs no failure detail: the vendor's answer is read for one only when it refused.
        let outcome: DeliveryOutcome? =
            (200..<300).contains(response.status)
            ? nil
            : StatusClassifier.classify(
                status: response.status, retryAfter: RetryAfter.parse(response.headers.first(name: "retry-after")),
                detail: "\(vendor) answered \(response.status) to \(request.method) \(request.pathWithoutQuery)"
                    + (VendorErrorBody.message(from: response.body).map { ": \($0)" } ?? ""))
        journal.note(
            callRecord(
                request, at: startedAt, elapsed: elapsed, status: response.status, requestID: requestID,
                error: outcome == nil ? nil : VendorErrorBody.excerpt(of: response.body), answer: outcome == nil ? nil : response.body
            )
        )
        if let outcome {
            if case .retryable(_, let retryAfter?) = outcome {
                // A vendor's Retry-After holds every request to the destination, from every instance.
                try? await pacer.hold(for: min(retryAfter, Self.longestHold))
            }
            throw DeliveryStop(outcome: outcome)
        }
        return response
    }

    /// One request on the wire, with when it started and how long it took.
    private struct TimedCall: Sendable {
        var result: Result<VendorResponse, any Error>
        var startedAt: Date
        var elapsed: Duration
    }

    private func timed(_ request: VendorRequest) async -> TimedCall {
        let startedAt = Date()
        let clock = ContinuousClock()
        let start = clock.now
        let result: Result<VendorResponse, any Error>
        do {
            result = .success(try await execute(request))
        } catch {
            result = .failure(error)
        }
        return TimedCall(result: result, startedAt: startedAt, elapsed: clock.now - start)
    }

    private func execute(_ request: VendorRequest) async throws -> VendorResponse {
        var httpRequest = HTTPClientRequest(url: request.url)
        httpRequest.method = HTTPMethod(rawValue: request.method)
        for header in request.headers {
            httpRequest.headers.add(name: header.name, value: header.value)
        }
        if let body = request.body {
            httpRequest.body = .bytes(ByteBuffer(bytes: body))
        }
        let response = try await client.execute(httpRequest, timeout: TimeAmount(timeout))
        let body = try await response.body.collect(upTo: Self.maxResponseBytes)
        return VendorResponse(status: Int(response.status.code), headers: response.headers, body: Data(body.readableBytesView))
    }

    /// The audit record of one call. A call that failed keeps the body it sent (as the audit shows it: files as
    /// their size and type) and the vendor's `answer`; credentials are in headers, which it does not keep.
    private func callRecord(
        _ request: VendorRequest, at: Date, elapsed: Duration, status: Int?, requestID: String?, error: String?, answer: Data?
    ) -> AuditRecord {
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        let rounded = (milliseconds * 10).rounded() / 10
        let failed = error != nil
        let record = VendorCallRecord(
            method: request.method, path: request.path, status: status, durationMilliseconds: rounded, requestID: requestID, error: error,
            requestBody: failed ? request.rendered().body : nil,
            responseBody: answer.map { String(decoding: $0.prefix(4 * VendorCallRecord.bodyLimit), as: UTF8.self) })
        let shown = status.map(String.init) ?? "no answer"
        let summary = "\(request.method) \(request.path) → \(shown) in \(rounded) ms" + (requestID.map { " (request id \($0))" } ?? "")
        return AuditRecord(stage: .vendorCall, at: at, summary: summary, detail: record.detail)
    }

    private func log(_ request: VendorRequest, status: Int?, elapsed: Duration) {
        logger.debug(
            "vendor call",
            metadata: [
                "tg.vendor.method": "\(request.method)",
                "tg.vendor.path": "\(request.pathWithoutQuery)",
                "tg.vendor.status": "\(status.map(String.init) ?? "none")",
                "tg.vendor.duration": "\(elapsed)",
            ]
        )
    }

    /// Why a request got no answer. A create that may have reached the vendor before the answer was lost is
    /// ambiguous: the detail says so, because the retry that follows can create the same thing twice.
    private static func transportFailure(_ error: any Error, vendor: String, request: VendorRequest) -> DeliveryFailure {
        let what = "\(request.method) \(request.pathWithoutQuery) to \(vendor)"
        let clientError = error as? HTTPClientError
        let ambiguous =
            !request.isIdempotent && !neverConnected(error)
            ? "; the request may have reached \(vendor), so the retry may create it a second time" : ""
        if let clientError, [.deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout].contains(clientError) {
            return DeliveryFailure(.timeout, "\(what) timed out (\(clientError))\(ambiguous)")
        }
        if error is NIOTooManyBytesError {
            return DeliveryFailure(.invalidResponse, "\(what) answered with a body over \(maxResponseBytes) bytes")
        }
        return DeliveryFailure(.transport, "\(what) failed: \(error)\(ambiguous)")
    }

    /// True for errors that come before a connection exists, so the vendor cannot have seen the request.
    private static func neverConnected(_ error: any Error) -> Bool {
        if let clientError = error as? HTTPClientError { return clientError == .connectTimeout }
        if error is NIOConnectionError { return true }
        if let ioError = error as? IOError { return [ECONNREFUSED, ENETUNREACH, EHOSTUNREACH].contains(ioError.errnoCode) }
        return false
    }
}
