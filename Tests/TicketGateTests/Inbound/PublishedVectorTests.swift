import Foundation
import HTTPTypes
import Testing
import TicketGateCore

@testable import TicketGateInbound

/// The test vectors providers publish (INBOUND.md): each verifies, and each one-character change fails.
@Suite struct PublishedVectorTests {
    static func verify(_ settings: VerificationSettings, body: String, headers: [String: String], at seconds: TimeInterval) throws(InboundError)
        -> VerificationReport
    {
        var fields = HTTPFields()
        for (name, value) in headers { fields[HTTPField.Name(name)!] = value }
        let request = InboundRequest(body: Data(body.utf8), headers: fields, receivedAt: Date(timeIntervalSince1970: seconds))
        return try VerifierFactory.make(settings).verify(request, payload: nil)
    }

    /// Changes the character at `offset` (counted from the end when negative) to another of the same kind.
    static func mutate(_ text: String, at offset: Int) -> String {
        var characters = Array(text)
        let index = offset >= 0 ? offset : characters.count + offset
        let original = characters[index]
        characters[index] = original == "A" ? "B" : original == "0" ? "1" : original.isNumber ? "0" : original.isLetter ? "A" : "x"
        return String(characters)
    }

    // MARK: - Standard Webhooks

    static let webhooks = VerificationSettings(scheme: .standardWebhooks, secrets: [Secret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")])
    static let webhooksBody = #"{"test": 2432232314}"#
    static let webhooksHeaders = [
        "webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek", "webhook-timestamp": "1614265330",
        "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
    ]

    @Test func standardWebhooksVectorVerifies() throws {
        let report = try Self.verify(Self.webhooks, body: Self.webhooksBody, headers: Self.webhooksHeaders, at: 1_614_265_330)
        #expect(
            report
                == VerificationReport(
                    scheme: "standard-webhooks", secretNumber: 1, signedAt: Date(timeIntervalSince1970: 1_614_265_330),
                    replayKey: "id:msg_p5jXN8AQM9LWM0D4loKWxJek"))
    }

    @Test func standardWebhooksOneCharacterMutationsFail() {
        var cases: [(String, [String: String])] = []
        var signature = Self.webhooksHeaders
        signature["webhook-signature"] = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA="  // the suite's own negative case
        cases.append((Self.webhooksBody, signature))
        cases.append((Self.mutate(Self.webhooksBody, at: 10), Self.webhooksHeaders))
        var id = Self.webhooksHeaders
        id["webhook-id"] = Self.mutate(id["webhook-id"]!, at: -1)
        cases.append((Self.webhooksBody, id))
        var timestamp = Self.webhooksHeaders
        timestamp["webhook-timestamp"] = "1614265331"
        cases.append((Self.webhooksBody, timestamp))
        for (body, headers) in cases {
            #expect(throws: InboundError.self) { try Self.verify(Self.webhooks, body: body, headers: headers, at: 1_614_265_330) }
        }
    }

    @Test func standardWebhooksDecoysAroundTheValidSignatureStillVerify() throws {
        var headers = Self.webhooksHeaders
        headers["webhook-signature"] =
            "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
        #expect(try Self.verify(Self.webhooks, body: Self.webhooksBody, headers: headers, at: 1_614_265_330).secretNumber == 1)
        headers["webhook-signature"] = "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
        #expect(throws: InboundError.self) { try Self.verify(Self.webhooks, body: Self.webhooksBody, headers: headers, at: 1_614_265_330) }
    }

    @Test(arguments: ["MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwBr"])
    func standardWebhooksSecretsNeedingPaddingVerify(secret: String) throws {
        let headers = Signers.standardWebhooks(
            body: Self.webhooksBody, secret: "whsec_" + secret, id: "msg_1", at: Date(timeIntervalSince1970: 1_614_265_330))
        let settings = VerificationSettings(scheme: .standardWebhooks, secrets: [Secret("whsec_" + secret)])
        #expect(try Self.verify(settings, body: Self.webhooksBody, headers: headers, at: 1_614_265_330).secretNumber == 1)
    }

    @Test func standardWebhooksTimestampsThreeHundredAndOneSecondsOffFail() {
        for offset in [-301.0, 301.0] {
            let error = #expect(throws: InboundError.self) {
                try Self.verify(Self.webhooks, body: Self.webhooksBody, headers: Self.webhooksHeaders, at: 1_614_265_330 + offset)
            }
            #expect(error?.check == (offset > 0 ? .timestampTooOld : .timestampInFuture))
        }
    }

    @Test func svixHeadersVerifyLikeWebhookHeaders() throws {
        let headers = Dictionary(
            uniqueKeysWithValues: Self.webhooksHeaders.map { ($0.key.replacingOccurrences(of: "webhook-", with: "svix-"), $0.value) })
        #expect(try Self.verify(Self.webhooks, body: Self.webhooksBody, headers: headers, at: 1_614_265_330).secretNumber == 1)
    }

    // MARK: - GitHub

    static let github = VerificationSettings(
        scheme: .hmacSHA256, header: "X-Hub-Signature-256", prefix: "sha256=", secrets: [Secret("It's a Secret to Everybody")])
    static let githubSignature = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"

    @Test func githubVectorVerifies() throws {
        let report = try Self.verify(Self.github, body: "Hello, World!", headers: ["X-Hub-Signature-256": Self.githubSignature], at: 0)
        #expect(report.secretNumber == 1)
        #expect(report.replayKey == "signature:757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")
    }

    @Test(arguments: [7, 30, -1])
    func githubOneCharacterMutationOfTheSignatureFails(offset: Int) {
        let mutated = Self.mutate(Self.githubSignature, at: offset)
        let error = #expect(throws: InboundError.self) {
            try Self.verify(Self.github, body: "Hello, World!", headers: ["X-Hub-Signature-256": mutated], at: 0)
        }
        #expect(error?.check == .signatureMismatch)
    }

    @Test func githubOneCharacterMutationOfTheBodyFails() {
        #expect(throws: InboundError.self) {
            try Self.verify(Self.github, body: "Hello, World?", headers: ["X-Hub-Signature-256": Self.githubSignature], at: 0)
        }
    }

    // MARK: - Slack

    static let slack = VerificationSettings(scheme: .slack, secrets: [Secret("8f742231b10e8888abcd99yyyzzz85a5")])
    static let slackBody =
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"
    static let slackHeaders = [
        "X-Slack-Request-Timestamp": "1531420618",
        "X-Slack-Signature": "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
    ]

    @Test func slackVectorVerifies() throws {
        let report = try Self.verify(Self.slack, body: Self.slackBody, headers: Self.slackHeaders, at: 1_531_420_618 + 30)
        #expect(report.secretNumber == 1)
        #expect(report.signedAt == Date(timeIntervalSince1970: 1_531_420_618))
    }

    @Test func slackOneCharacterMutationsFail() {
        var signature = Self.slackHeaders
        signature["X-Slack-Signature"] = Self.mutate(signature["X-Slack-Signature"]!, at: -1)
        var timestamp = Self.slackHeaders
        timestamp["X-Slack-Request-Timestamp"] = "1531420619"
        for (body, headers) in [(Self.slackBody, signature), (Self.slackBody, timestamp), (Self.mutate(Self.slackBody, at: 6), Self.slackHeaders)] {
            let error = #expect(throws: InboundError.self) { try Self.verify(Self.slack, body: body, headers: headers, at: 1_531_420_618 + 30) }
            #expect(error?.check == .signatureMismatch)
        }
    }
}
