import Foundation
import Logging
import Testing
import TicketGateCore
import TicketGateVendors

/// The SPP client on its own, against the strict local SPP: the request sequence, resuming from saved ids,
/// and how every kind of failure is classified.
@Suite struct SPPClientTests {
    static let draft = TicketDraft(
        destination: "spp", requester: Party(email: "jane@example.com", name: "Jane Doe"), subject: "Help",
        message: "Please call me.", tags: ["inbound"], assignee: 9, staffOnly: false
    )

    /// Runs `body` with a client for the fake at `url`, using `token`.
    static func withClient<T: Sendable>(
        url: String,
        token: String?,
        timeout: Duration = .seconds(5),
        _ body: @Sendable (any VendorClient) async throws -> T
    ) async throws -> T {
        let http = VendorHTTP(timeout: timeout, logger: Logger(label: "test"))
        let destination = DestinationDefinition(name: "spp", vendor: SPPVendor.profile, baseURL: url, credential: token.map(Secret.init))
        let client = try #require(VendorClients(destinations: ["spp": destination], http: http).client(for: "spp"))
        do {
            let result = try await body(client)
            try await http.shutdown()
            return result
        } catch {
            try await http.shutdown()
            throw error
        }
    }

    static func job(_ draft: TicketDraft = draft, refs: VendorRefs = VendorRefs()) -> DeliveryJob {
        DeliveryJob(id: 1, eventID: EventID(rawValue: "event-1"), draft: draft, attempt: 1, refs: refs)
    }

    @Test func newRequesterGetsAClientATicketAndAMessageWithEachCreateCheckpointed() async throws {
        let spp = FakeSPP()
        try await spp.serve { url in
            let journal = TestJournal()
            let outcome = try await Self.withClient(url: url, token: spp.token) { await $0.deliver(Self.job(), journal: journal) }
            let client = try #require(spp.clients.first)
            let ticket = try #require(spp.tickets.first)
            let message = try #require(spp.messages.first)
            let refs = VendorRefs(clientID: String(client.id), ticketID: String(ticket.id), messageID: String(message.id))
            #expect(outcome == .delivered(refs))
            // Each create is marked pending before it is sent, together with every id learned before it.
            #expect(
                journal.checkpoints.map { [$0.clientID, $0.ticketID, $0.pending?.resource.rawValue] } == [
                    [String(client.id), nil, "ticket"], [String(client.id), String(ticket.id), "message"],
                ])
            #expect(journal.records.map(\.stage) == [.vendorCall, .vendorCall, .vendorCall, .vendorCall])
            #expect(ticket.employees == [9])
            #expect(message.staffOnly == false)
        }
    }

    @Test func postedFilesTravelAsAttachmentPartsOfTheMessage() async throws {
        let spp = FakeSPP()
        try await spp.serve { url in
            let files = [
                TicketGateCore.Attachment(name: "invoice \"May\".pdf", contentType: "application/pdf", data: Array("%PDF-1.7 bytes".utf8)),
                TicketGateCore.Attachment(name: "photo.png", contentType: "image/png", data: [0x89, 0x50, 0x4E, 0x47, 0x00, 0xFF]),
                TicketGateCore.Attachment(name: "elsewhere.txt", contentType: "text/plain", url: "https://files.example/elsewhere.txt"),
            ]
            let job = ClientHarness.job(Self.draft, files: files)
            let outcome = try await Self.withClient(url: url, token: spp.token) { await $0.deliver(job, journal: TestJournal()) }
            guard case .delivered = outcome else {
                Issue.record("expected delivered, got \(outcome)")
                return
            }
            let message = try #require(spp.messages.first)
            #expect(message.message == "Please call me.")
            #expect(message.staffOnly == false)
            #expect(message.userID == spp.clients.first?.id)
            // Posted bytes are uploaded as they came; a file the provider only linked stays a link in the text.
            #expect(
                message.files == [
                    FakeSPP.File(name: "invoice %22May%22.pdf", contentType: "application/pdf", data: Array("%PDF-1.7 bytes".utf8)),
                    FakeSPP.File(name: "photo.png", contentType: "image/png", data: [0x89, 0x50, 0x4E, 0x47, 0x00, 0xFF]),
                ])
            let request = try #require(spp.requests.last)
            #expect(request.contentType?.hasPrefix("multipart/form-data; boundary=") == true)
        }
    }

    @Test func savedIdsAreNeverCreatedAgain() async throws {
        let spp = FakeSPP()
        let clientID = spp.addClient(email: "jane@example.com")
        let ticketID = spp.addTicket(userID: clientID)
        try await spp.serve { url in
            let refs = VendorRefs(clientID: String(clientID), ticketID: String(ticketID))
            let outcome = try await Self.withClient(url: url, token: spp.token) { await $0.deliver(Self.job(refs: refs), journal: TestJournal()) }
            #expect(spp.requests.map { "\($0.method) \($0.path)" } == ["POST /api/ticket_messages/\(ticketID)"])
            #expect(
                outcome
                    == .delivered(
                        VendorRefs(clientID: String(clientID), ticketID: String(ticketID), messageID: spp.messages.first.map { String($0.id) })))
        }
    }

    @Test func lookupAnswerWithOnlyOtherClientsCreatesTheRequester() async throws {
        let spp = FakeSPP()
        let stranger = spp.addClient(email: "someone.else@example.com")
        spp.script("GET", "/api/clients", .init(status: 200, body: #"{"data":[{"id":\#(stranger),"email":"someone.else@example.com"}]}"#))
        try await spp.serve { url in
            let outcome = try await Self.withClient(url: url, token: spp.token) { await $0.deliver(Self.job(), journal: TestJournal()) }
            let created = try #require(spp.clients.first { $0.email == "jane@example.com" })
            #expect(spp.tickets.map(\.userID) == [created.id])
            guard case .delivered(let refs) = outcome else {
                Issue.record("expected delivered, got \(outcome)")
                return
            }
            #expect(refs.clientID == String(created.id))
        }
    }

    @Test func retryAfterInSecondsIsPassedOn() async throws {
        let spp = FakeSPP()
        spp.script("GET", "/api/clients", .init(status: 503, body: "down", headers: ["Retry-After": "7"]))
        try await spp.serve { url in
            let outcome = try await Self.withClient(url: url, token: spp.token) { await $0.deliver(Self.job(), journal: TestJournal()) }
            guard case .retryable(let failure, let retryAfter) = outcome else {
                Issue.record("expected retryable, got \(outcome)")
                return
            }
            #expect(failure.reason == .serverError)
            #expect(retryAfter == .seconds(7))
        }
    }

    @Test func rateLimitIsRetryableWithTheHTTPDateTurnedIntoADelay() async throws {
        let spp = FakeSPP()
        let later = Date().addingTimeInterval(120)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        spp.script(
            "GET", "/api/clients",
            .init(status: 429, body: #"{"message":"Too Many Attempts."}"#, headers: ["Retry-After": formatter.string(from: later)]))
        try await spp.serve { url in
            let outcome = try await Self.withClient(url: url, token: spp.token) { await $0.deliver(Self.job(), journal: TestJournal()) }
            guard case .retryable(let failure, let retryAfter?) = outcome else {
                Issue.record("expected retryable, got \(outcome)")
                return
            }
            #expect(failure.reason == .rateLimited)
            #expect(failure.detail.contains("Too Many Attempts."))
            #expect(retryAfter > .seconds(100) && retryAfter <= .seconds(121))
        }
    }

    @Test func wrongTokenWaitsForACredentialAndNeverShowsIt() async throws {
        let spp = FakeSPP()
        try await spp.serve { url in
            let journal = TestJournal()
            let outcome = try await Self.withClient(url: url, token: "wrong-secret-token") { await $0.deliver(Self.job(), journal: journal) }
            guard case .credentialRefused(let failure) = outcome else {
                Issue.record("expected the credential refused, got \(outcome)")
                return
            }
            #expect(failure.reason == .unauthorized)
            #expect(!failure.detail.contains("wrong-secret-token"))
            #expect(!"\(journal.records)".contains("wrong-secret-token"))
        }
    }

    @Test func unknownTicketIsPermanentNotFound() async throws {
        let spp = FakeSPP()
        try await spp.serve { url in
            let refs = VendorRefs(clientID: "1", ticketID: "999")
            let outcome = try await Self.withClient(url: url, token: spp.token) { await $0.deliver(Self.job(refs: refs), journal: TestJournal()) }
            guard case .permanent(let failure) = outcome else {
                Issue.record("expected permanent, got \(outcome)")
                return
            }
            #expect(failure.reason == .notFound)
        }
    }

    @Test func unreadableSuccessIsPermanentForACreateButRetryableForALookup() async throws {
        let spp = FakeSPP()
        spp.script("GET", "/api/clients", .init(status: 200, body: "<html>maintenance</html>"))
        spp.script("POST", "/api/tickets", .init(status: 201, body: "<html>created?</html>"))
        try await spp.serve { url in
            let lookup = try await Self.withClient(url: url, token: spp.token) { await $0.deliver(Self.job(), journal: TestJournal()) }
            guard case .retryable(let lookupFailure, _) = lookup else {
                Issue.record("expected retryable, got \(lookup)")
                return
            }
            #expect(lookupFailure.reason == .invalidResponse)

            let create = try await Self.withClient(url: url, token: spp.token) { await $0.deliver(Self.job(), journal: TestJournal()) }
            guard case .permanent(let createFailure) = create else {
                Issue.record("expected permanent, got \(create)")
                return
            }
            #expect(createFailure.reason == .invalidResponse)
        }
    }

    @Test func unreachableVendorIsARetryableTransportFailure() async throws {
        // The client is known, so the first request is a create: one that never connected cannot have created anything.
        let outcome = try await Self.withClient(url: "http://127.0.0.1:9", token: "t", timeout: .seconds(1)) {
            await $0.deliver(Self.job(refs: VendorRefs(clientID: "5")), journal: TestJournal())
        }
        guard case .retryable(let failure, nil) = outcome else {
            Issue.record("expected retryable, got \(outcome)")
            return
        }
        #expect(failure.reason == .transport || failure.reason == .timeout)
        // Nothing reached SPP, so the retry cannot repeat anything.
        #expect(!failure.detail.contains("may have reached"))
    }

    @Test func aCreateWhoseAnswerIsLostIsRetriedAndSaysItMayRepeat() async throws {
        let spp = FakeSPP()
        let clientID = spp.addClient(email: "jane@example.com")
        spp.hold()
        try await spp.serve { url in
            let job = Self.job(refs: VendorRefs(clientID: String(clientID)))
            let outcome = try await Self.withClient(url: url, token: spp.token, timeout: .seconds(1)) {
                await $0.deliver(job, journal: TestJournal())
            }
            spp.release()
            guard case .retryable(let failure, _) = outcome else {
                Issue.record("expected retryable, got \(outcome)")
                return
            }
            #expect(failure.reason == .timeout)
            #expect(failure.detail.hasPrefix("POST /api/tickets to SPP timed out"))
            #expect(failure.detail.hasSuffix("the request may have reached SPP, so the retry may create it a second time"))
        }
    }

    @Test func requesterWithoutEmailFailsBeforeAnyRequest() async throws {
        let spp = FakeSPP()
        try await spp.serve { url in
            var anonymous = Self.draft
            anonymous.requester = Party(name: "Anonymous")
            let draft = anonymous
            let outcome = try await Self.withClient(url: url, token: spp.token) { await $0.deliver(Self.job(draft), journal: TestJournal()) }
            guard case .permanent(let failure) = outcome else {
                Issue.record("expected permanent, got \(outcome)")
                return
            }
            #expect(failure.reason == .invalidRequest)
            #expect(spp.requests.isEmpty)
        }
    }

    @Test func unsavableProgressStopsTheAttemptAsRetryable() async throws {
        let spp = FakeSPP()
        try await spp.serve { url in
            let outcome = try await Self.withClient(url: url, token: spp.token) {
                await $0.deliver(Self.job(), journal: TestJournal(failingCheckpoints: true))
            }
            guard case .retryable(let failure, _) = outcome else {
                Issue.record("expected retryable, got \(outcome)")
                return
            }
            #expect(failure.reason == .storeUnavailable)
            // It stopped before creating a ticket it could not remember.
            #expect(spp.tickets.isEmpty)
        }
    }
}
