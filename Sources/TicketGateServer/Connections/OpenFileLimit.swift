#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The process's limit on open files, which every connection counts against.
enum OpenFileLimit {
    /// Files kept for everything but inbound connections: the database and its journal, vendor connections, logs.
    static let reserved = 128

    /// The most connections that fit under the soft limit on open files with `reserved` to spare; `nil` when
    /// the limit cannot be read or is unlimited.
    static func connectionsThatFit() -> Int? {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max else { return nil }
        return max(1, Int(clamping: limit.rlim_cur) - reserved)
    }
}
