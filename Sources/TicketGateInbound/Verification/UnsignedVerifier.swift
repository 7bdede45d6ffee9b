/// `scheme: none`: accepts every request. The rules must say so explicitly.
struct UnsignedVerifier: SignatureVerifier {
    var credentialHeaders: Set<String> { [] }

    func verify(_ request: InboundRequest, payload: Payload?) throws(InboundError) -> VerificationReport {
        VerificationReport(scheme: "none", replayKey: BodyDigest.replayKey(request.body))
    }
}
