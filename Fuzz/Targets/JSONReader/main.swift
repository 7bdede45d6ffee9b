import FuzzSupport
import TicketGateCore

// Any bytes: the reader answers a value or a failure at an offset inside the input.
FuzzDriver.run { bytes in
    do {
        _ = try JSONReader.read(bytes)
    } catch let error as JSONReader.Failure {
        precondition((0...bytes.count).contains(error.offset), "failure offset \(error.offset) outside \(bytes.count) bytes")
    } catch {
        preconditionFailure("JSONReader threw \(error)")
    }
}
