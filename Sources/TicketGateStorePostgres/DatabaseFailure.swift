import NIOCore
import NIOPosix
import PostgresNIO
import TicketGateCore

#if canImport(Glibc)
    import Glibc
#endif

/// What went wrong between the store and PostgreSQL, in words for the operator, and whether it was the
/// connection (the database is away, refuses the login, or is starting or stopping) rather than a statement.
/// PostgresNIO's own descriptions are deliberately vague; these read the error's parts instead, and never the
/// configuration, so no password can appear.
enum DatabaseFailure {
    /// SQLSTATEs that mean the database cannot be used now, though it may be soon: connection exceptions
    /// (class 08), a server shutting down or starting up, too many connections, a refused login, a database that
    /// does not exist (yet).
    private static let unavailableStates: Set<String> = ["57P01", "57P02", "57P03", "53300", "28P01", "28000", "3D000"]

    /// Whether `error` says the database could not be reached or used, rather than that a statement failed.
    static func isConnectivity(_ error: any Error) -> Bool {
        switch error {
        case let error as PSQLError:
            switch error.code {
            case .server:
                let state = error.serverInfo?[.sqlState] ?? ""
                return state.hasPrefix("08") || unavailableStates.contains(state)
            case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed, .sslUnsupported,
                .failedToAddSSLHandler:
                return true
            default:
                return error.underlying.map(isConnectivity) ?? false
            }
        case is IOError, is ChannelError, is NIOConnectionError, is ConnectionClosed:
            return true
        case let error as StoreError:
            return error.isUnavailable
        default:
            return String(describing: type(of: error)) == "ConnectionPoolError"
        }
    }

    /// `error` in words: the server's message, or what the connection met.
    static func describe(_ error: any Error) -> String {
        switch error {
        case let error as StoreError:
            return error.message
        case let error as PSQLError:
            if error.code == .server, let message = error.serverInfo?[.message] {
                return message + (error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? "")
            }
            let what =
                switch error.code {
                case .connectionError: "cannot connect"
                case .serverClosedConnection: "the server closed the connection"
                case .clientClosedConnection, .poolClosed: "the connection was closed"
                case .uncleanShutdown: "the connection ended uncleanly"
                case .sslUnsupported: "the server does not offer TLS"
                default: "\(error.code)"
                }
            return error.underlying.map { "\(what): \(describe($0))" } ?? what
        case is ConnectionClosed:
            return "the connection closed during a query"
        case let error as NIOConnectionError:
            guard let first = error.connectionErrors.first else {
                return error.dnsAError.map { "cannot resolve \(error.host): \(describe($0))" } ?? "cannot connect to \(error.host):\(error.port)"
            }
            let address = first.target.ipAddress.map { "\($0):\(first.target.port ?? error.port)" } ?? "\(error.host):\(error.port)"
            return "\(address): \(describe(first.error))"
        case let error as IOError:
            return String(cString: strerror(error.errnoCode)).lowercased()
        case let error as ChannelError:
            if case .connectTimeout = error { return "timed out connecting" }
            return "\(error)"
        case let error as SocketAddressError:
            return "cannot resolve the host: \(error)"
        default:
            return "\(error)"
        }
    }
}
