import NIOCore

#if canImport(Glibc)
    import Glibc
#endif

/// Why the HTTP server could not listen, in words: the system's reason for a socket error (`address already in
/// use`, `permission denied`), or the resolver's for a host name.
enum ListeningFailure {
    static func describe(_ error: any Error) -> String {
        switch error {
        case let error as IOError:
            String(cString: strerror(error.errnoCode)).lowercased()
        case let error as SocketAddressError:
            "cannot use the address: \(error)"
        default:
            "\(error)"
        }
    }
}
