/// Where an operator's action came from, as the event's audit and the log name it.
enum OperatorChannel: String, Sendable {
    case adminAPI = "admin_api"
    case console

    /// "from the admin API", "from the console".
    var phrase: String {
        switch self {
        case .adminAPI: "from the admin API"
        case .console: "from the console"
        }
    }
}
