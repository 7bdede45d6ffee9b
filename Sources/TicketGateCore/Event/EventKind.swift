/// What an inbound source sends: a form submission, a chat conversation or an email.
package enum EventKind: String, Sendable, Codable, CaseIterable {
    case form
    case chat
    case email
}
