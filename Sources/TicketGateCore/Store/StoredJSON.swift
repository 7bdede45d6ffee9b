import Foundation

/// How both stores read their JSON columns (event, decision, draft, refs), which `CompactJSONEncoder` wrote:
/// dates in milliseconds since 1970, one shared decoder.
package enum StoredJSON {
    package static func decode<Value: Decodable>(_ type: Value.Type, from json: Data) throws -> Value {
        if Value.self == VendorRefs.self, json == noRefs { return VendorRefs() as! Value }
        return try decoder.decode(type, from: json)
    }

    package static func decode<Value: Decodable>(_ type: Value.Type, from json: String) throws -> Value {
        try decode(type, from: Data(json.utf8))
    }

    /// The refs of a delivery no attempt has learned anything for yet, as `CompactJSONEncoder` writes them.
    private static let noRefs = Data("{}".utf8)

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return decoder
    }()
}
