/// A failure whose `description` is written for the operator, one problem per line: the command line prints
/// it as it is, instead of a stack of errors.
package protocol OperatorFacingError: Error, CustomStringConvertible {}
