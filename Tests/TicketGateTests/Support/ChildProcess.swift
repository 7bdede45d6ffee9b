import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A child process started with `posix_spawn(3)`, as a shell starts one: default signal dispositions, no
/// blocked signals, standard input, output and error on the given descriptors (or `/dev/null`), every other
/// descriptor closed.
///
/// Not Foundation's `Process`: on Linux its `run()` copies each `/proc/self/fd` entry as a whole `dirent`,
/// which can read past the end of glibc's buffer and crash the test process (swift-corelibs-foundation
/// pull request 5472, not in Swift 6.3.1).
final class ChildProcess: Sendable {
    let pid: pid_t
    private let exit = ExitState()

    init(
        _ executable: String, _ arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment,
        directory: String? = nil, input: Int32? = nil, output: Int32? = nil, error: Int32? = nil
    ) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (target, source) in [(STDIN_FILENO, input), (STDOUT_FILENO, output), (STDERR_FILENO, error)] {
            if let source {
                try Self.check(posix_spawn_file_actions_adddup2(&actions, source, target), "dup2")
            } else {
                let mode = target == STDIN_FILENO ? O_RDONLY : O_WRONLY
                try Self.check(posix_spawn_file_actions_addopen(&actions, target, "/dev/null", mode, 0), "open /dev/null")
            }
        }
        if let directory { try Self.check(GNUSpawnActions.changeDirectory(&actions, directory), "chdir \(directory)") }
        try Self.check(GNUSpawnActions.closeFrom(&actions, STDERR_FILENO + 1), "closefrom")

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for string in argv + envp { free(string) } }
        var pid: pid_t = 0
        try Self.check(posix_spawn(&pid, executable, &actions, &attributes, argv, envp), "posix_spawn \(executable)")
        self.pid = pid
        let exit = exit
        Thread { [pid] in exit.wait(for: pid) }.start()
    }

    deinit {
        // A test that fails half-way leaves no child running behind it; a reaped child's pid is not signalled.
        if !exit.ended { kill(pid, SIGKILL) }
    }

    /// The exit code, or the number of the signal that ended the process.
    func exitStatus() async -> Int32 {
        await exit.status()
    }

    /// `exitStatus()` for a caller that cannot await (a static initializer): blocks the calling thread.
    func waitUntilExit() -> Int32 {
        exit.blockingStatus()
    }

    func signal(_ signal: Int32) {
        if !exit.ended { kill(pid, signal) }
    }

    private static func check(_ result: Int32, _ what: String) throws {
        guard result == 0 else { throw HarnessError("\(what) failed: \(String(cString: strerror(result)))") }
    }
}

extension ChildProcess {
    /// Runs `executable` to its end with `input` on its standard input; its output and error output, apart or
    /// (with `mergingError`) together in `output`. Cancelling the task kills the child.
    static func run(
        _ executable: String, _ arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment,
        directory: String? = nil, input: Data = Data(), mergingError: Bool = false
    ) async throws -> (output: Data, error: Data, status: Int32) {
        let standardInput = PipeReader.makePipe()
        let standardOutput = PipeReader.makePipe()
        let standardError = mergingError ? standardOutput : PipeReader.makePipe()
        let child = try ChildProcess(
            executable, arguments, environment: environment, directory: directory,
            input: standardInput.fileHandleForReading.fileDescriptor, output: standardOutput.fileHandleForWriting.fileDescriptor,
            error: standardError.fileHandleForWriting.fileDescriptor)
        try standardInput.fileHandleForReading.close()
        async let output = PipeReader.collect(standardOutput)
        async let error = mergingError ? Data() : PipeReader.collect(standardError)
        // A child that stops reading before the end of its input ends the write with EPIPE, not the test.
        try? standardInput.fileHandleForWriting.write(contentsOf: input)
        try? standardInput.fileHandleForWriting.close()
        // A cancelled wait (a timeout) kills the child, so its pipes end and nothing is left waiting.
        let status = await withTaskCancellationHandler {
            await child.exitStatus()
        } onCancel: {
            child.signal(SIGKILL)
        }
        return (await output, await error, status)
    }
}

/// How a child ended, once `waitpid` has said so, for every task that waits for it.
private final class ExitState: Sendable {
    private struct State {
        var status: Int32?
        var waiting: [CheckedContinuation<Int32, Never>] = []
    }
    private let state = Mutex(State())
    /// Signalled once the status is recorded, for blocking waiters.
    private let recorded = DispatchSemaphore(value: 0)

    var ended: Bool { state.withLock { $0.status != nil } }

    /// The status, blocking the calling thread until there is one.
    func blockingStatus() -> Int32 {
        if let status = state.withLock({ $0.status }) { return status }
        recorded.wait()
        recorded.signal()
        return state.withLock { $0.status ?? -1 }
    }

    func status() async -> Int32 {
        await withCheckedContinuation { continuation in
            let status = state.withLock { state -> Int32? in
                if state.status == nil { state.waiting.append(continuation) }
                return state.status
            }
            if let status { continuation.resume(returning: status) }
        }
    }

    /// Blocks until `pid` ends, then records how.
    func wait(for pid: pid_t) {
        var raw: Int32 = 0
        while waitpid(pid, &raw, 0) == -1 && errno == EINTR {}
        // WIFEXITED: the low seven bits are zero; then WEXITSTATUS, else WTERMSIG.
        let status = raw & 0x7f == 0 ? (raw >> 8) & 0xff : raw & 0x7f
        let waiting = state.withLock { state in
            state.status = status
            defer { state.waiting = [] }
            return state.waiting
        }
        recorded.signal()
        for continuation in waiting { continuation.resume(returning: status) }
    }
}

/// GNU extensions of `posix_spawn` that Swift's Glibc module does not declare (glibc 2.29 and 2.34).
private enum GNUSpawnActions {
    typealias ChangeDirectory = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    static func changeDirectory(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ path: String) -> Int32 {
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addchdir_np") else { return ENOSYS }
        return unsafeBitCast(symbol, to: ChangeDirectory.self)(actions, path)
    }

    static func closeFrom(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ descriptor: Int32) -> Int32 {
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else { return ENOSYS }
        return unsafeBitCast(symbol, to: CloseFrom.self)(actions, descriptor)
    }
}
