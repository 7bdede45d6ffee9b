import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization
import TicketGateCore

@testable import TicketGateInbound

/// What every fake vendor does besides its endpoints: records each request (with its JSON or multipart body
/// parsed), streams arrivals, answers scripted responses instead of the real ones, and holds requests
/// unanswered while a test wants them in flight.
final class FakeRecorder: Sendable {
    /// One request as the fake received it.
    struct Received: Sendable {
        /// When the request's head reached the fake, before its body was read.
        var receivedAt: ContinuousClock.Instant
        var method: String
        var path: String
        var query: [String: String]
        var headers: HTTPFields
        var raw: Data
        /// The body, when it is JSON.
        var body: JSONValue?
        /// The body, when it is `multipart/form-data` that parses.
        var form: FormData?

        var contentType: String? { headers[.contentType] }
    }

    /// A canned answer, given instead of the real one to the next matching request.
    struct Scripted: Sendable {
        var status: Int
        var body: String
        var headers: [String: String] = [:]
    }

    private struct State {
        var requests: [Received] = []
        var scripted: [String: [Scripted]] = [:]
        var holding = false
        var held: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())
    /// Every request, as it arrives.
    let arrivals: AsyncStream<Received>
    private let arrivalsContinuation: AsyncStream<Received>.Continuation

    init() {
        (arrivals, arrivalsContinuation) = AsyncStream.makeStream(of: Received.self)
    }

    var requests: [Received] { state.withLock { $0.requests } }

    /// Answers the next `method path` request with `scripted` instead of handling it.
    func script(_ method: String, _ path: String, _ scripted: Scripted) {
        state.withLock { $0.scripted["\(method) \(path)", default: []].append(scripted) }
    }

    /// From now on, requests are recorded but not answered until `release()`.
    func hold() {
        state.withLock { $0.holding = true }
    }

    func release() {
        let held = state.withLock { state in
            state.holding = false
            defer { state.held = [] }
            return state.held
        }
        for continuation in held {
            continuation.resume()
        }
    }

    /// Reads and records `request`, waits while holding, and returns it with the scripted answer due, if any.
    func receive(_ request: Request) async throws -> (Received, scripted: Response?) {
        let receivedAt = ContinuousClock.now
        let bytes = try await request.body.collect(upTo: 8 << 20)
        let raw = Data(bytes.readableBytesView)
        let query = URLComponents(string: "http://fake.test" + request.uri.description)?.queryItems ?? []
        let mediaType = MediaType(contentType: request.headers[.contentType])
        let received = Received(
            receivedAt: receivedAt,
            method: request.method.rawValue,
            path: request.uri.path,
            query: Dictionary(query.map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { first, _ in first }),
            headers: request.headers,
            raw: raw,
            body: raw.isEmpty ? nil : try? JSONDecoder().decode(JSONValue.self, from: raw),
            form: mediaType.essence == "multipart/form-data" ? try? MultipartFormReader.parse(raw, mediaType: mediaType) : nil
        )
        state.withLock { $0.requests.append(received) }
        arrivalsContinuation.yield(received)
        await waitWhileHolding()
        return (received, takeScripted("\(received.method) \(received.path)").map(Self.response))
    }

    private func waitWhileHolding() async {
        await withCheckedContinuation { continuation in
            let resumeNow = state.withLock { state in
                guard state.holding else { return true }
                state.held.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    private func takeScripted(_ key: String) -> Scripted? {
        state.withLock { state in
            guard var queue = state.scripted[key], !queue.isEmpty else { return nil }
            let first = queue.removeFirst()
            state.scripted[key] = queue
            return first
        }
    }

    private static func response(_ scripted: Scripted) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        for (name, value) in scripted.headers { headers[HTTPField.Name(name)!] = value }
        return Response(status: .init(code: scripted.status), headers: headers, body: .init(byteBuffer: ByteBuffer(string: scripted.body)))
    }

    /// A JSON answer.
    static func json(_ status: Int, _ value: JSONValue, headers extra: [String: String] = [:]) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        for (name, value) in extra { headers[HTTPField.Name(name)!] = value }
        let data = (try? JSONEncoder().encode(value)) ?? Data()
        return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// An answer with no body.
    static func empty(_ status: Int) -> Response {
        Response(status: .init(code: status))
    }
}

/// A fake vendor: its recorder and its routes.
protocol FakeVendor: Sendable {
    var recorder: FakeRecorder { get }
    func router() -> Router<BasicRequestContext>
}

extension FakeVendor {
    var requests: [FakeRecorder.Received] { recorder.requests }
    var arrivals: AsyncStream<FakeRecorder.Received> { recorder.arrivals }

    func script(_ method: String, _ path: String, _ scripted: FakeRecorder.Scripted) {
        recorder.script(method, path, scripted)
    }

    func hold() { recorder.hold() }
    func release() { recorder.release() }
}
