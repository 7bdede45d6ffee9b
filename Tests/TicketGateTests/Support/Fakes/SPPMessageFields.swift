import Foundation
import TicketGateCore

@testable import TicketGateInbound

/// The body of an SPP message request (seeds 000 and 001), validated as Laravel would: `message` required and
/// not empty, `user_id` an integer, `staff_only` a boolean, `attachments` files. JSON bodies carry no files;
/// a multipart body sends each file as an `attachments[]` part with a file name, and its text fields as text
/// (`staff_only` as `1`/`0`/`true`/`false`).
struct SPPMessageFields {
    private(set) var errors: FieldErrors
    private(set) var text: String?
    private(set) var userID: Int?
    private(set) var staffOnly: Bool?
    private(set) var files: [FakeSPP.File] = []

    init(json: JSONValue?) {
        errors = FieldErrors(json, allowed: ["message", "user_id", "staff_only", "attachments"])
        text = errors.string("message", required: true)
        userID = errors.int("user_id")
        staffOnly = errors.bool("staff_only")
        if json?["attachments"] != nil {
            errors.add("attachments", "The attachments must be files.")
        }
        checkText()
    }

    init(form: FormData) {
        errors = FieldErrors(nil, allowed: [])
        var seen: Set<String> = []
        for part in form.parts {
            switch (part.name, part.isFile) {
            case ("attachments[]", true):
                if part.filename?.isEmpty != false { errors.add("attachments", "Each attachment needs a file name.") }
                files.append(FakeSPP.File(name: part.filename ?? "", contentType: part.contentType, data: part.data))
            case ("attachments[]", false):
                errors.add("attachments", "The attachments must be files.")
            case (let name, false) where ["message", "user_id", "staff_only"].contains(name):
                if !seen.insert(name).inserted { errors.add(name, "The \(name) field appears twice.") }
                read(name, part.text)
            case (let name, _):
                errors.add(name, "The \(name) field is not a documented field.")
            }
        }
        if !seen.contains("message") { errors.add("message", "The message field is required.") }
        checkText()
    }

    private mutating func read(_ name: String, _ value: String) {
        switch name {
        case "message":
            text = value
        case "user_id":
            userID = Int(value)
            if userID == nil { errors.add(name, "The user_id field must be an integer.") }
        default:
            switch value {
            case "1", "true": staffOnly = true
            case "0", "false": staffOnly = false
            default: errors.add(name, "The staff_only field must be true or false.")
            }
        }
    }

    private mutating func checkText() {
        if let text, text.isEmpty { errors.add("message", "The message field is required.") }
    }
}
