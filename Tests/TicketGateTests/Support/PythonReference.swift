import Foundation

/// Python's standard library as a reference implementation: runs `script` with `python3`, hands it `input` as
/// JSON on standard input and decodes what it prints as JSON.
enum PythonReference {
    static func run<Input: Encodable, Output: Decodable>(_ script: String, input: Input, as output: Output.Type) async throws -> Output {
        let ended = try await ChildProcess.run("/usr/bin/env", ["python3", "-c", script], input: try JSONEncoder().encode(input))
        guard ended.status == 0 else { throw HarnessError("python3 failed: \(String(decoding: ended.error, as: UTF8.self))") }
        return try JSONDecoder().decode(Output.self, from: ended.output)
    }
}
