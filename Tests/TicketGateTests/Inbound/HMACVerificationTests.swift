import Crypto
import Foundation
import HTTPTypes
import Testing
import TicketGateCore

@testable import TicketGateInbound

/// `scheme: hmac-sha256`: published vectors, every encoding, rotation, and every way a signature is wrong.
@Suite struct HMACVerificationTests {
    /// GitHub's published example (INBOUND.md, "Testing the webhook payload validation").
    static let githubSecret = "It's a Secret to Everybody"
    static let githubBody = "Hello, World!"
    static let githubSignature = "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"

    static func verifier(
        header: String = "X-Hub-Signature-256", encoding: VerificationSettings.Encoding = .hex, prefix: String = "sha256=", secrets: [String]
    )
        -> HMACSignatureVerifier<SHA256>
    {
        HMACSignatureVerifier(
            scheme: "hmac-sha256",
            settings: VerificationSettings(scheme: .hmacSHA256, header: header, encoding: encoding, prefix: prefix, secrets: secrets.map(Secret.init))
        )
    }

    static func request(_ body: String, _ headers: [String: String]) -> InboundRequest {
        var fields = HTTPFields()
        for (name, value) in headers { fields[HTTPField.Name(name)!] = value }
        return InboundRequest(body: Data(body.utf8), headers: fields)
    }

    @Test func githubPublishedVectorVerifies() throws {
        let verifier = Self.verifier(secrets: [Self.githubSecret])
        let report = try verifier.verify(Self.request(Self.githubBody, ["X-Hub-Signature-256": "sha256=\(Self.githubSignature)"]))
        #expect(report == VerificationReport(scheme: "hmac-sha256", secretNumber: 1))
    }

    @Test(arguments: [0, 17, 63])
    func oneCharacterMutationOfTheSignatureFails(position: Int) {
        var characters = Array(Self.githubSignature)
        characters[position] = characters[position] == "0" ? "1" : "0"
        let verifier = Self.verifier(secrets: [Self.githubSecret])
        #expect(throws: InboundError(.signatureMismatch, "the signature in X-Hub-Signature-256 does not match the body with any configured secret")) {
            try verifier.verify(Self.request(Self.githubBody, ["X-Hub-Signature-256": "sha256=\(String(characters))"]))
        }
    }

    @Test func oneCharacterMutationOfTheBodyFails() {
        let verifier = Self.verifier(secrets: [Self.githubSecret])
        #expect(throws: InboundError.self) {
            try verifier.verify(Self.request("Hello, World?", ["X-Hub-Signature-256": "sha256=\(Self.githubSignature)"]))
        }
    }

    @Test func uppercaseHexVerifies() throws {
        let verifier = Self.verifier(secrets: [Self.githubSecret])
        let report = try verifier.verify(Self.request(Self.githubBody, ["X-Hub-Signature-256": "sha256=\(Self.githubSignature.uppercased())"]))
        #expect(report.secretNumber == 1)
    }

    @Test func base64WithoutPrefixVerifies() throws {
        let body = #"{"email":"jane@example.com"}"#
        let signature = Data(Signing.hmacSHA256(body, secret: "s3cret")).base64EncodedString()
        let verifier = Self.verifier(header: "Tally-Signature", encoding: .base64, prefix: "", secrets: ["s3cret"])
        #expect(try verifier.verify(Self.request(body, ["Tally-Signature": signature])).secretNumber == 1)
        #expect(throws: InboundError.self) {
            try Self.verifier(header: "Tally-Signature", encoding: .base64, prefix: "", secrets: ["other"])
                .verify(Self.request(body, ["Tally-Signature": signature]))
        }
    }

    @Test func secondSecretInTheListVerifiesDuringRotation() throws {
        let body = #"{"email":"jane@example.com"}"#
        let verifier = Self.verifier(secrets: ["old-secret", "new-secret"])
        let withNew = try verifier.verify(Self.request(body, ["X-Hub-Signature-256": Signing.header(body, secret: "new-secret")]))
        let withOld = try verifier.verify(Self.request(body, ["X-Hub-Signature-256": Signing.header(body, secret: "old-secret")]))
        #expect(withNew.secretNumber == 2)
        #expect(withOld.secretNumber == 1)
    }

    @Test func missingOrEmptyHeaderIsSignatureMissing() {
        let verifier = Self.verifier(secrets: [Self.githubSecret])
        for headers in [[:], ["X-Hub-Signature-256": ""]] {
            #expect(throws: InboundError(.signatureMissing, "the request has no X-Hub-Signature-256 header")) {
                try verifier.verify(Self.request(Self.githubBody, headers))
            }
        }
    }

    @Test(arguments: [
        "sha1=\(githubSignature)",  // wrong prefix
        githubSignature,  // no prefix
        "sha256=zz" + String(githubSignature.dropFirst(2)),  // not hex
        "sha256=\(githubSignature)00",  // too long
        "sha256=\(githubSignature.dropLast(2))",  // too short
    ])
    func malformedSignatureIsAMismatch(header: String) throws {
        let verifier = Self.verifier(secrets: [Self.githubSecret])
        let error = try #require(throws: InboundError.self) {
            try verifier.verify(Self.request(Self.githubBody, ["X-Hub-Signature-256": header]))
        }
        #expect(error.check == .signatureMismatch)
        #expect(!error.detail.contains(Self.githubSecret))
        #expect(!error.detail.contains(Self.githubSignature))
    }
}
