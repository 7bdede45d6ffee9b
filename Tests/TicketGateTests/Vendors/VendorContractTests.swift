import Foundation
import Testing
import TicketGateCore
import TicketGateVendors

/// The contract every vendor client keeps, checked for each against its strict local server: one status table
/// (delivered, retryable with the vendor's `Retry-After`, paused on a refused credential, permanent with the
/// vendor's words), and no credential in any failure, audit record or log line.
@Suite struct VendorContractTests {
    /// A vendor as the contract sees it: a fake, a destination on it, a draft, and the draft's first request.
    enum Vendor: String, CaseIterable, Sendable {
        case spp, omnidesk, initdesk, webhook, zendesk, freshdesk, zammad

        /// The destination's credential; a webhook's is a Standard Webhooks secret.
        var secret: String {
            self == .webhook ? "whsec_" + Data("contract-secret-9f8e7d-contract".utf8).base64EncodedString() : "contract-secret-9f8e7d"
        }

        func fake() -> any FakeVendor {
            switch self {
            case .spp: FakeSPP(token: secret)
            case .omnidesk: FakeOmnidesk(apiKey: secret)
            case .initdesk: FakeInitdesk(token: secret)
            case .webhook: FakeWebhook(secret: secret)
            case .zendesk: FakeZendesk(token: secret)
            case .freshdesk: FakeFreshdesk(apiKey: secret)
            case .zammad: FakeZammad(token: secret)
            }
        }

        func destination(_ url: String) -> DestinationDefinition {
            switch self {
            case .spp: DestinationDefinition(name: "d", vendor: SPPVendor.profile, baseURL: url, credential: Secret(secret))
            case .omnidesk: DestinationDefinition(name: "d", vendor: OmnideskVendor.profile, baseURL: url, credential: Secret(secret))
            case .initdesk:
                DestinationDefinition(
                    name: "d", vendor: InitdeskVendor.profile, baseURL: url, credential: Secret(secret), settings: ["organization": .integer(42)]
                )
            case .webhook:
                DestinationDefinition(name: "d", vendor: WebhookVendor.profile, baseURL: url + FakeWebhook.path, credential: Secret(secret))
            case .zendesk:
                DestinationDefinition(
                    name: "d", vendor: ZendeskVendor.profile, baseURL: url, credential: Secret(secret),
                    settings: ["email": .text("agent@acme.example")])
            case .freshdesk: DestinationDefinition(name: "d", vendor: FreshdeskVendor.profile, baseURL: url, credential: Secret(secret))
            case .zammad:
                DestinationDefinition(
                    name: "d", vendor: ZammadVendor.profile, baseURL: url, credential: Secret(secret), settings: ["group": .text("Users")])
            }
        }

        var draft: TicketDraft {
            TicketDraft(
                destination: "d", requester: Party(email: "jane@example.com", name: "Jane"), subject: "Help", message: "Please help me.",
                brand: self == .omnidesk ? 1 : nil, replyTo: self == .initdesk ? "7001" : nil)
        }

        var firstRequest: (method: String, path: String) {
            switch self {
            case .spp: ("GET", "/api/clients")
            case .omnidesk: ("POST", "/api/v2/message/chatbot")
            case .initdesk: ("POST", "/organizations/42/tickets/7001/messages/")
            case .webhook: ("POST", FakeWebhook.path)
            case .zendesk, .freshdesk: ("POST", "/api/v2/tickets")
            case .zammad: ("POST", "/api/v1/tickets")
            }
        }
    }

    enum Expected: Sendable, CustomStringConvertible {
        case retryable(FailureReason, retryAfter: Duration?)
        case paused
        case permanent(FailureReason)

        var description: String {
            switch self {
            case .retryable(let reason, let after): "retryable \(reason) after \(after.map { "\($0)" } ?? "nothing")"
            case .paused: "paused"
            case .permanent(let reason): "permanent \(reason)"
            }
        }
    }

    struct Row: Sendable, CustomStringConvertible {
        var status: Int
        var headers: [String: String] = [:]
        var expected: Expected
        var description: String { "\(status) \(headers)" }
    }

    /// Stands for five minutes from now as an HTTP date, written when the row is sent, so the test compares it with
    /// a clock that moved on only by that request's time.
    static let inFiveMinutes = "<HTTP date five minutes from now>"

    static func httpDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }

    static let table: [Row] = [
        Row(status: 400, expected: .permanent(.rejected)),
        Row(status: 404, expected: .permanent(.notFound)),
        Row(status: 422, expected: .permanent(.rejected)),
        Row(status: 401, expected: .paused),
        Row(status: 403, expected: .paused),
        Row(status: 408, expected: .retryable(.serverError, retryAfter: nil)),
        Row(status: 425, expected: .retryable(.serverError, retryAfter: nil)),
        Row(status: 429, headers: ["Retry-After": "17"], expected: .retryable(.rateLimited, retryAfter: .seconds(17))),
        Row(status: 429, headers: ["Retry-After": inFiveMinutes], expected: .retryable(.rateLimited, retryAfter: .seconds(300))),
        Row(status: 500, expected: .retryable(.serverError, retryAfter: nil)),
        Row(status: 503, headers: ["Retry-After": "120"], expected: .retryable(.serverError, retryAfter: .seconds(120))),
    ]

    static func run(_ vendor: Vendor, scripting row: Row?, logs: LogRecorder = LogRecorder()) async throws -> (DeliveryOutcome, TestJournal) {
        let fake = vendor.fake()
        if let row {
            fake.script(
                vendor.firstRequest.method, vendor.firstRequest.path,
                .init(
                    status: row.status, body: #"{"message":"scripted"}"#,
                    headers: row.headers.mapValues { $0 == inFiveMinutes ? httpDate(Date().addingTimeInterval(300)) : $0 }))
        }
        return try await fake.serve { url in
            let journal = TestJournal()
            let job = ClientHarness.job(vendor.draft)
            let outcome = try await ClientHarness.withClient(vendor.destination(url), logs: logs) { await $0.deliver(job, journal: journal) }
            return (outcome, journal)
        }
    }

    /// A dry run's plan is what the live client sends: the same requests, in order, with the same method, path,
    /// query and JSON body, as the strict local server received them. A plan names an id the vendor returns
    /// during the delivery as `<…>` (in a body) or `{…}` (in a path); that place matches whatever the client
    /// sent there.
    @Test(arguments: Vendor.allCases)
    func theDryRunPlanIsWhatTheClientSends(_ vendor: Vendor) async throws {
        let fake = vendor.fake()
        let job = ClientHarness.job(vendor.draft)
        let planned = try await fake.serve { url in
            let destination = vendor.destination(url)
            let outcome = try await ClientHarness.withClient(destination) { await $0.deliver(job, journal: TestJournal()) }
            guard case .delivered = outcome else { throw HarnessError("\(vendor): \(outcome)") }
            let http = VendorHTTP(logger: LogRecorder().logger)
            let planner = VendorClients(destinations: ["d": destination], http: http).planner(for: "d")
            try await http.shutdown()
            return try #require(planner).plan(job).get().map { ($0, url) }
        }
        let received = fake.requests
        #expect(planned.count == received.count, "\(vendor): planned \(planned.map(\.0.url)), received \(received.map(\.path))")
        for ((plan, base), request) in zip(planned, received) {
            let url = try #require(URLComponents(string: plan.url))
            #expect(plan.method == request.method, "\(vendor) \(plan.url)")
            #expect(plan.url.hasPrefix(base), "\(vendor) \(plan.url)")
            let plannedPath = url.path.split(separator: "/", omittingEmptySubsequences: false)
            let receivedPath = request.path.split(separator: "/", omittingEmptySubsequences: false)
            #expect(
                plannedPath.count == receivedPath.count && zip(plannedPath, receivedPath).allSatisfy { $0 == $1 || Self.isPlaceholder(String($0)) },
                "\(vendor): planned \(plan.url), received \(request.path)")
            let query = Dictionary((url.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { first, _ in first })
            #expect(query == request.query, "\(vendor) \(plan.url)")
            if let body = plan.body, let json = try? JSONDecoder().decode(JSONValue.self, from: Data(body.utf8)) {
                #expect(Self.matches(json, request.body), "\(vendor) \(plan.url): planned \(json), received \(String(describing: request.body))")
            }
        }
    }

    /// An id the vendor returns (`<…>`, `{…}`), or a path segment the plan hides as `…` (where a webhook's
    /// receiver may keep a secret).
    static func isPlaceholder(_ text: String) -> Bool {
        (text.hasPrefix("<") && text.hasSuffix(">")) || (text.hasPrefix("{") && text.hasSuffix("}")) || text == "…"
    }

    /// The planned JSON is the received JSON, a placeholder standing for any value.
    static func matches(_ planned: JSONValue, _ received: JSONValue?) -> Bool {
        switch (planned, received) {
        case (.string(let text), _?) where isPlaceholder(text): true
        case (.object(let plannedMembers), .object(let receivedMembers)?):
            plannedMembers.keys == receivedMembers.keys && plannedMembers.allSatisfy { matches($0.value, receivedMembers[$0.key]) }
        case (.array(let plannedItems), .array(let receivedItems)?):
            plannedItems.count == receivedItems.count && zip(plannedItems, receivedItems).allSatisfy { matches($0, $1) }
        default: planned == received
        }
    }

    @Test(arguments: Vendor.allCases)
    func everyStatusMeansTheSameForEveryVendor(_ vendor: Vendor) async throws {
        for row in Self.table {
            let (outcome, _) = try await Self.run(vendor, scripting: row)
            switch (row.expected, outcome) {
            case (.retryable(let reason, let retryAfter), .retryable(let failure, let after)):
                #expect(failure.reason == reason, "\(vendor) \(row)")
                if let retryAfter, let after {
                    // An HTTP date is read against the clock, so allow the seconds the test itself takes.
                    #expect(after <= retryAfter && after > retryAfter - .seconds(30), "\(vendor) \(row)")
                } else {
                    #expect(after == retryAfter, "\(vendor) \(row)")
                }
            case (.paused, .credentialRefused(let failure)):
                #expect(failure.reason == .unauthorized, "\(vendor) \(row)")
            case (.permanent(let reason), .permanent(let failure)):
                #expect(failure.reason == reason, "\(vendor) \(row)")
                #expect(failure.detail.contains("scripted"), "the vendor's words are kept: \(failure.detail)")
            default:
                Issue.record("\(vendor) \(row): expected \(row.expected), got \(outcome)")
            }
        }
    }

    @Test(arguments: Vendor.allCases)
    func theDraftIsDeliveredWhenTheVendorAgrees(_ vendor: Vendor) async throws {
        let (outcome, journal) = try await Self.run(vendor, scripting: nil)
        guard case .delivered = outcome else {
            Issue.record("\(vendor): expected delivered, got \(outcome)")
            return
        }
        #expect(journal.records.contains { $0.stage == .vendorCall && $0.detail["status"]?.scalarText?.hasPrefix("2") == true })
    }

    @Test(arguments: Vendor.allCases)
    func noCredentialInFailuresAuditOrLogs(_ vendor: Vendor) async throws {
        let logs = LogRecorder()
        var seen: [String] = []
        for row in [nil, Row(status: 401, expected: .paused), Row(status: 500, expected: .retryable(.serverError, retryAfter: nil))] {
            let (outcome, journal) = try await Self.run(vendor, scripting: row, logs: logs)
            seen.append("\(outcome)")
            let records = try JSONEncoder().encode(journal.records)
            seen.append(String(decoding: records, as: UTF8.self))
        }
        seen += logs.all
        #expect(!seen.isEmpty && logs.all.contains { $0.contains("vendor call") })
        #expect(seen.allSatisfy { !$0.contains(vendor.secret) }, "\(vendor)")
    }
}
