import Foundation
import TicketGateCore

/// Everything the command line prints: what an event's sender wrote reaches the operator's terminal only with
/// its control characters written out, so a subject cannot clear the screen, move the cursor or hide a line.
enum Terminal {
    /// Prints `text` (and a line break) to standard output. JSON keeps its syntax: a control character can
    /// only be inside one of its strings, where it is written as `\u001B`.
    static func print(_ text: String, json: Bool = false) {
        Swift.print(ControlCharacters.escaped(text, keeping: ["\n", "\t"], style: json ? .json : .text))
    }

    /// Writes `text` and a line break to standard error.
    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((ControlCharacters.escaped(text, keeping: ["\n", "\t"]) + "\n").utf8))
    }
}
