import Crypto
import Testing

@testable import TicketGateInbound

/// A keyed state is shared by every request of a source: each check must hash into its own copy.
@Suite struct KeyedHMACTests {
    static let key = SymmetricKey(data: Array("bench-website-secret".utf8))
    static let messages = [
        "first body", "", "a second, longer body with more than one block of SHA-256 input: " + String(repeating: "x", count: 200),
    ]
    .map { Array($0.utf8) }

    @Test(arguments: [HMACProfile.Algorithm.sha1, .sha256, .sha512])
    func checksEveryMessageWithTheSameKeyedState(algorithm: HMACProfile.Algorithm) {
        let keyed = KeyedHMAC(algorithm, key: Self.key)
        for _ in 0..<2 {
            for message in Self.messages {
                let signature = Self.signature(algorithm, message)
                #expect(keyed.isValid(signature, over: message))
                #expect(!keyed.isValid(signature, over: message + [0x20]))
                #expect(!keyed.isValid(Array(signature.dropLast()), over: message))
            }
        }
    }

    @Test func checksFromManyTasksAtOnce() async {
        let keyed = KeyedHMAC(.sha256, key: Self.key)
        let results = await withTaskGroup(of: Bool.self) { group in
            for number in 0..<200 {
                group.addTask {
                    let message = Array("body \(number)".utf8)
                    return keyed.isValid(Self.signature(.sha256, message), over: message)
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.count == 200 && results.allSatisfy { $0 })
    }

    static func signature(_ algorithm: HMACProfile.Algorithm, _ message: [UInt8]) -> [UInt8] {
        switch algorithm {
        case .sha1: Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: key))
        case .sha256: Array(HMAC<SHA256>.authenticationCode(for: message, using: key))
        case .sha512: Array(HMAC<SHA512>.authenticationCode(for: message, using: key))
        }
    }
}
