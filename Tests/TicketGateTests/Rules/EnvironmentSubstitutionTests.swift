import Testing

@testable import TicketGateRules

@Suite struct EnvironmentSubstitutionTests {
    let substitution = EnvironmentSubstitution(environment: ["TOKEN": "abc", "EMPTY": ""])

    @Test(arguments: [
        ("plain", "plain"),
        ("${TOKEN}", "abc"),
        ("Bearer ${TOKEN}!", "Bearer abc!"),
        ("${EMPTY:-fallback}", ""),
        ("${MISSING:-fallback}", "fallback"),
        ("${MISSING:-}", ""),
        ("$${TOKEN}", "${TOKEN}"),
        ("cost: $5", "cost: $5"),
    ])
    func substitutes(text: String, expected: String) {
        #expect(substitution.substitute(text) == .success(expected))
    }

    @Test func unsetAndMalformedReferencesFail() {
        #expect(substitution.substitute("${MISSING}") == .failure(.unset("MISSING")))
        #expect(substitution.substitute("${1BAD}") == .failure(.malformed("${1BAD}")))
        #expect(substitution.substitute("${TOKEN") == .failure(.malformed("${TOKEN")))
    }
}
