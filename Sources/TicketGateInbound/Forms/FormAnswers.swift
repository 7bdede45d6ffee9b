import TicketGateCore

/// What provider forms have in common once their answers are fields: finding the sender, the name and the
/// message among questions whose keys the form's author chose.
enum FormAnswers {
    /// The first field of an email type, or else the first whose key or label says email and holds an address.
    static func email(in fields: [FormField], emailTypes: Set<String> = ["email", "INPUT_EMAIL"]) -> String? {
        let typed = fields.first { emailTypes.contains($0.type ?? "") && EmailAddress.isPlausible($0.value) }
        let named = fields.first { mentions($0, "email") && EmailAddress.isPlausible($0.value) }
        return (typed ?? named)?.value
    }

    /// The first field whose key or label is a name question ("name", "full name", "your name").
    static func name(in fields: [FormField]) -> String? {
        fields.first { field in
            let words = [field.name, field.label ?? ""].map { $0.lowercased() }
            return words.contains { $0 == "name" || $0 == "full name" || $0 == "your name" || $0 == "fullname" || $0 == "full_name" }
        }?.value
    }

    /// The first field whose key or label is a message question.
    static func message(in fields: [FormField]) -> String? {
        let keys = ["message", "comments", "comment", "question", "body", "your message", "how can we help?", "details"]
        return fields.first { field in
            [field.name, field.label ?? ""].map { $0.lowercased() }.contains { keys.contains($0) }
        }?.value
    }

    /// The answers as `Question: answer` lines, for forms that are only questions and answers.
    static func rendered(_ fields: [FormField]) -> String? {
        let lines = fields.filter { !$0.value.isEmpty }.map(\.line)
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }

    private static func mentions(_ field: FormField, _ word: String) -> Bool {
        field.name.lowercased().contains(word) || field.label?.lowercased().contains(word) == true
    }
}
