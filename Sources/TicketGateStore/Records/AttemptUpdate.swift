import Foundation
import GRDB
import TicketGateCore

/// The `UPDATE` that records how an attempt ended: the columns `AttemptChanges` lists.
struct AttemptUpdate: Sendable {
    let sql: String
    let arguments: StatementArguments

    init(_ result: DeliveryResult, deliveryID: Int64, at date: Date) throws {
        var assignments: [String] = []
        var values: [DatabaseValue] = []
        for (column, value) in try AttemptChanges(result, at: date).assignments {
            switch value {
            case .text(let text):
                assignments.append("\(column) = ?")
                values.append(text.databaseValue)
            case .milliseconds(let milliseconds):
                assignments.append("\(column) = ?")
                values.append(milliseconds.databaseValue)
            case .null:
                assignments.append("\(column) = NULL")
            case .oneAttemptBack:
                assignments.append("\(column) = MAX(0, \(column) - 1)")
            }
        }
        values.append(deliveryID.databaseValue)
        sql = "UPDATE delivery SET \(assignments.joined(separator: ", ")) WHERE id = ?"
        arguments = StatementArguments(values: values)
    }
}
