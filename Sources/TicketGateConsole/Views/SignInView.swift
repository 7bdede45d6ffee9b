/// The sign-in page.
struct SignInView: Sendable {
    var next: String
    var error: String?
}
