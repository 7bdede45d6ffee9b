import Crypto
import Foundation
import HTTPTypes
import TicketGateCore
import TicketGateInbound
import TicketGateRules
import TicketGateVendors

/// What each step of the request path costs on its own, for the request `Benchmarks/ingest/run` sends: the
/// median time per event of reading the JSON body (the reader the gateway uses, and Foundation's
/// `JSONDecoder` for reference), of `SourceEndpoint.receive` (signature, body, normalization), of deciding with
/// the 20 rules of `Benchmarks/ingest/rules.yml`, and of writing the event and its decision as the store's JSON
/// (`CompactJSONEncoder`, and Foundation's `JSONEncoder` for reference).
@main
struct StepsBenchmark {
    static let secret = "bench-website-secret"

    /// `steps-bench [ITERATIONS]`
    static func main() throws {
        let iterations = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 50_000
        let rulesPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../ingest/rules.yml").path
        let ruleSet = try RulesLoader(environment: ["WEBSITE_SECRET": secret], formats: InboundFormats.supported, vendors: VendorRegistry.profiles)
            .load([RulesFile(path: rulesPath, contents: String(contentsOfFile: rulesPath, encoding: .utf8))])
        let endpoint = SourceEndpoint(ruleSet.sources["website"]!)
        let requests = (0..<64).map(request)
        let events = try requests.map { try endpoint.receive($0).event }

        print("step".padding(toLength: 52, withPad: " ", startingAt: 0) + "median µs   (\(iterations) events)")
        report("JSON body, JSONDecoder (reference)", iterations) { index in
            try JSONDecoder().decode(JSONValue.self, from: requests[index % requests.count].body)
        }
        report("JSON body, JSONReader", iterations) { index in try JSONReader.read(requests[index % requests.count].body) }
        report("verify, parse, normalize (receive)", iterations) { index in try endpoint.receive(requests[index % requests.count]) }
        report("decide, 20 rules", iterations) { index in ruleSet.decide(events[index % events.count]) }
        let decisions = events.map { ruleSet.decide($0) }
        let reference = JSONEncoder()
        reference.dateEncodingStrategy = .millisecondsSince1970
        report("event and decision JSON, JSONEncoder (reference)", iterations) { index in
            try reference.encode(events[index % events.count]).count + reference.encode(decisions[index % events.count]).count
        }
        let json = CompactJSONEncoder()
        report("event and decision JSON, CompactJSONEncoder", iterations) { index in
            try json.encode(events[index % events.count]).count + json.encode(decisions[index % events.count]).count
        }
    }

    /// A contact form as `Benchmarks/ingest/requests.py` writes it, signed as the `website` source expects.
    static func request(_ number: Int) -> InboundRequest {
        let body = Data(
            #"""
            {"email":"customer\#(number)@example.com","name":"Jane Doe","subject":"Refund for invoice \#(number)","message":"Hello, I was charged twice for my last order and would like a refund, please. The order was placed on Monday and the card statement shows two payments.","plan":"enterprise","page":"/contact"}
            """#.utf8)
        let signature = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8)))
        let hex = signature.map { String(format: "%02x", $0) }.joined()
        return InboundRequest(body: body, headers: [.contentType: "application/json", HTTPField.Name("X-Signature")!: "sha256=\(hex)"])
    }

    /// Prints the median of `iterations` timed calls of `step`, after a fifth as many untimed ones.
    static func report<Result>(_ name: String, _ iterations: Int, _ step: (Int) throws -> Result) {
        var kept = 0
        do {
            for index in 0..<iterations / 5 { withExtendedLifetime(try step(index)) { kept &+= 1 } }
            let clock = ContinuousClock()
            var samples: [Duration] = []
            samples.reserveCapacity(iterations)
            for index in 0..<iterations {
                let start = clock.now
                let result = try step(index)
                samples.append(clock.now - start)
                withExtendedLifetime(result) { kept &+= 1 }
            }
            let median = samples.sorted()[samples.count / 2]
            let micros = Double(median.components.attoseconds) / 1e12 + Double(median.components.seconds) * 1e6
            print(name.padding(toLength: 52, withPad: " ", startingAt: 0) + String(format: "%9.2f", micros))
        } catch {
            print("\(name): \(error)")
        }
        precondition(kept > 0)
    }
}
