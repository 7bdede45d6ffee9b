import Hummingbird

/// The ceiling for `Benchmarks/ingest/run`: the least a Hummingbird POST endpoint can do. It reads the body
/// and answers 202 with a small JSON object, verifying, deciding and storing nothing.
@main
struct IngestCeiling {
    static func main() async throws {
        let arguments = CommandLine.arguments
        let port = arguments.count > 1 ? Int(arguments[1]) ?? 8090 : 8090
        let router = Router()
        router.post("/hooks/{source}") { request, _ -> Response in
            _ = try await request.body.collect(upTo: 1 << 20)
            return Response(
                status: .accepted, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: #"{"id":"0","status":"accepted"}"#)))
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
        try await app.runService()
    }
}
