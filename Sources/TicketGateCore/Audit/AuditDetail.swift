import Foundation

/// A record kept as an audit record's `detail`: one `Codable` type shared by the code that writes it and the
/// code that reads it back, so that neither spells its keys.
package protocol AuditDetail: Codable, Sendable {}

extension AuditDetail {
    /// The record as an audit record's detail.
    package var detail: [String: JSONValue] {
        // A record of strings, numbers and lists always encodes, and reads back as the object it is.
        guard let bytes = try? CompactJSONEncoder().encode(self), case .object(let members) = try? JSONReader.read(bytes) else { return [:] }
        return members
    }

    /// The record an audit record's detail holds, or `nil` when it holds none.
    package init?(detail: [String: JSONValue]) {
        guard let bytes = try? CompactJSONEncoder().encode(JSONValue.object(detail)),
            let record = try? JSONDecoder().decode(Self.self, from: Data(bytes))
        else { return nil }
        self = record
    }
}
