extension BuildInfo {
    /// `ticketgate --version`: the version, the commit and the build date.
    package static var line: String {
        "\(version) (commit \(commit), built \(built))"
    }
}
