import Crypto
import Foundation

/// The replay key of schemes that sign nothing with an id: an identical body is the same delivery again.
enum BodyDigest {
    static func replayKey(_ body: Data) -> String {
        "body:" + HMACVerifier.hex(Array(SHA256.hash(data: body)))
    }
}
