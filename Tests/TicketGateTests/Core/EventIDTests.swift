import Foundation
import Testing
import TicketGateCore

/// Event ids are UUIDv7 (RFC 9562): the time in the first 48 bits, then the version, the variant and random bits.
@Suite struct EventIDTests {
    static func bytes(_ id: String) throws -> [UInt8] {
        var uuid = try #require(UUID(uuidString: id)).uuid
        return withUnsafeBytes(of: &uuid) { Array($0) }
    }

    @Test func idsCarryTheTimeVersionVariantAndFreshRandomBits() throws {
        let date = Date(timeIntervalSince1970: 1_795_308_793.316)
        let ids = (0..<200).map { _ in EventID.generate(at: date).rawValue }
        let bytes = try ids.map(Self.bytes)
        for (id, value) in zip(ids, bytes) {
            #expect(value[0..<6].reduce(UInt64(0)) { $0 << 8 | UInt64($1) } == 1_795_308_793_316)
            #expect(value[6] >> 4 == 7)
            #expect(value[8] >> 6 == 0b10)
            #expect(id == id.lowercased())
        }
        #expect(Set(ids).count == ids.count)
        // Every random byte varies across the ids: none is left at zero or filled from the same draw as another.
        for position in 6..<16 {
            #expect(Set(bytes.map { $0[position] }).count > 8, "byte \(position)")
        }
        #expect(bytes.contains { $0[7] != $0[9] })
    }
}
