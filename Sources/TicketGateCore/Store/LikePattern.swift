/// A `LIKE` pattern that matches text containing `needle` literally: `%`, `_` and the escape character in
/// the needle stand for themselves. Both stores write it with `ESCAPE '\'`.
package enum LikePattern {
    package static func containing(_ needle: String) -> String {
        var pattern = "%"
        for character in needle {
            if character == "%" || character == "_" || character == "\\" { pattern.append("\\") }
            pattern.append(character)
        }
        return pattern + "%"
    }
}
