import Foundation
import TicketGateCore
import TicketGateInbound
import TicketGateVendors

/// `ticketgate send`: a payload signed with its source's scheme and first secret from the rules, posted to a
/// running gateway as the provider would post it.
package enum PayloadSender {
    package struct Options: Sendable {
        package var rulesDirectory: String
        package var environment: [String: String]
        package var baseURL: String
        package var source: String
        package var contentType: String?

        package init(rulesDirectory: String, environment: [String: String], baseURL: String, source: String, contentType: String?) {
            self.rulesDirectory = rulesDirectory
            self.environment = environment
            self.baseURL = baseURL
            self.source = source
            self.contentType = contentType
        }
    }

    /// What the gateway answered: its status and body.
    package struct Answer: Sendable {
        package var status: Int
        package var body: String
        package var isSuccess: Bool { (200..<300).contains(status) }
    }

    /// Signs `body` for the source and posts it to `/hooks/<source>` under `options.baseURL`.
    package static func send(_ body: Data, options: Options, now: Date = Date()) async throws -> Answer {
        let contentType = options.contentType ?? guessedContentType(body)
        let settings = try await OfflineRules.with(directory: options.rulesDirectory, environment: options.environment) { offline in
            guard let source = offline.rules.ruleSet.sources[options.source] else {
                throw StartupError(
                    "no source named '\(options.source)'; the rules define \(offline.rules.ruleSet.sources.keys.sorted().joined(separator: ", "))")
            }
            return source.verification
        }
        let signed: RequestSigner.Signed
        do {
            signed = try RequestSigner.sign(body, contentType: contentType, for: settings, now: now, id: "send_" + UUID().uuidString.lowercased())
        } catch {
            throw StartupError("cannot sign for source '\(options.source)': \(error)")
        }
        var url = options.baseURL + "/hooks/" + PercentEncoding.component(options.source)
        if !signed.query.isEmpty {
            url += "?" + signed.query.map { PercentEncoding.component($0.name) + "=" + PercentEncoding.component($0.value) }.joined(separator: "&")
        }
        let (status, answer): (Int, Data)
        do {
            (status, answer) = try await PlainHTTP.exchange(
                "POST", url: url, headers: [("Content-Type", contentType)] + signed.headers, body: signed.body)
        } catch {
            throw StartupError("cannot reach the gateway at \(options.baseURL): \(error)")
        }
        return Answer(status: status, body: String(decoding: answer.prefix(4096), as: UTF8.self))
    }

    /// JSON when the payload starts as JSON does, else a URL-encoded form.
    static func guessedContentType(_ body: Data) -> String {
        let first = body.first { !Set(" \t\r\n".utf8).contains($0) }
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[") ? "application/json" : "application/x-www-form-urlencoded"
    }
}
