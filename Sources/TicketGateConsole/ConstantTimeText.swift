import Crypto
import Foundation

/// Whether a presented secret (an admin token, a session's MAC or CSRF token) is the expected one, compared
/// as SHA-256 digests, whose comparison takes the same time wherever the texts differ.
package enum ConstantTimeText {
    package static func equal(_ presented: some StringProtocol, _ expected: some StringProtocol) -> Bool {
        SHA256.hash(data: Data(presented.utf8)) == SHA256.hash(data: Data(expected.utf8))
    }
}
