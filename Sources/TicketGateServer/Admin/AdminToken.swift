import Crypto
import Foundation
import TicketGateCore

/// The check of a presented admin token, the same for the admin API and the console's sign-in: compared as
/// SHA-256 digests, whose comparison takes the same time wherever the tokens differ.
enum AdminToken {
    static func matches(_ presented: some StringProtocol, _ token: Secret) -> Bool {
        SHA256.hash(data: Data(presented.utf8)) == SHA256.hash(data: Data(token.value.utf8))
    }
}
