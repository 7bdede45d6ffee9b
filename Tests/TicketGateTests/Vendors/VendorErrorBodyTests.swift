import Foundation
import Testing

@testable import TicketGateVendors

/// A refusal keeps the vendor's own words, whichever way its documents shape an error body.
@Suite struct VendorErrorBodyTests {
    @Test(arguments: [
        // SPP (Laravel)
        (
            #"{"message":"The given data was invalid.","errors":{"email":["The email must be valid."]}}"#,
            "The given data was invalid.; email: The email must be valid."
        ),
        // Initdesk (Django REST framework)
        (#"{"detail":"Not found."}"#, "Not found."),
        // Zendesk
        (
            #"{"error":"RecordInvalid","description":"Record validation errors","details":{"requester":[{"description":"Requester: test@example.com is suspended.","error":"UserSuspended"}]}}"#,
            "RecordInvalid; Record validation errors; requester: Requester: test@example.com is suspended."
        ),
        (#"{"error":{"title":"Forbidden","message":"You do not have access to this page."}}"#, "You do not have access to this page."),
        // Freshdesk
        (
            #"{"description":"Validation failed","errors":[{"field":"email","message":"It should be in the 'valid email address' format","code":"invalid_value"}]}"#,
            "Validation failed; email: It should be in the 'valid email address' format"
        ),
        (
            #"{"code":"invalid_credentials","message":"You have to be logged in to perform this action."}"#,
            "You have to be logged in to perform this action."
        ),
        // Zammad
        (#"{"error":"Invalid email 'x' of customer","error_human":"Invalid email 'x' of customer"}"#, "Invalid email 'x' of customer"),
        // Not JSON
        ("<html>Bad Gateway</html>", "<html>Bad Gateway</html>"),
    ])
    func theVendorsWordsAreKept(body: String, words: String) {
        #expect(VendorErrorBody.message(from: Data(body.utf8)) == words)
    }
}
