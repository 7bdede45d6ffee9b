import Hummingbird

/// An answer that ends a console action before it runs, the form refused; `ConsoleGuard` sends it.
struct ConsoleRefusal: Error {
    var response: Response
}
