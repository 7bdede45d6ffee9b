import Crypto
import Foundation
import GRDB
import HTTPTypes
import Hummingbird

/// The floor of ticketgate's contract for `Benchmarks/ingest/run`: the least a Hummingbird endpoint can do and
/// still answer 202 only once the event is on disk. It checks the `X-Signature` HMAC-SHA256 of the body, stores
/// the body under its signature (the duplicate check) in SQLite through GRDB (WAL, `synchronous = FULL`),
/// requests that arrive together sharing one transaction (`RequestJournal`), and answers 202 once that
/// transaction has committed, or 200 for a signature it stored before. No normalizing, rules, audit, outbox,
/// delivery, log line or metrics: whatever ticketgate does on top of this costs more.
///
///     durable-floor PORT DATABASE_PATH      (the secret in WEBSITE_SECRET)
@main
struct DurableFloor {
    static func main() async throws {
        let arguments = CommandLine.arguments
        guard arguments.count == 3, let port = Int(arguments[1]),
            let secret = ProcessInfo.processInfo.environment["WEBSITE_SECRET"]
        else {
            FileHandle.standardError.write(Data("usage: WEBSITE_SECRET=… durable-floor PORT DATABASE_PATH\n".utf8))
            exit(64)
        }
        let key = SymmetricKey(data: Data(secret.utf8))
        let journal = try RequestJournal(path: arguments[2])
        let signatureField = HTTPField.Name("X-Signature")!
        let router = Router()
        router.post("/hooks/{source}") { request, _ -> Response in
            let body = Array(try await request.body.collect(upTo: 1 << 20).readableBytesView)
            guard let signature = request.headers[signatureField],
                signature.hasPrefix("sha256="), let mac = hexBytes(signature.utf8.dropFirst(7)),
                HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: body, using: key)
            else {
                return Response(status: .unauthorized)
            }
            let stored = try await journal.store(body, key: signature)
            return Response(
                status: stored.isNew ? .accepted : .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: #"{"id":"\#(stored.id)","status":"accepted"}"#)))
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
        let checkpoints = Task { await journal.checkpoint() }
        defer { checkpoints.cancel() }
        try await app.runService()
    }

    /// The bytes `text` spells in hexadecimal, or nil if it is not hexadecimal.
    static func hexBytes(_ text: Substring.UTF8View) -> [UInt8]? {
        guard text.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count / 2)
        var high: UInt8?
        for character in text {
            let nibble: UInt8
            switch character {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = character - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = character - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = character - UInt8(ascii: "A") + 10
            default: return nil
            }
            if let first = high {
                bytes.append(first << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        return bytes
    }
}
