import Foundation

/// Python's standard library as a reference implementation: runs `script` with `python3`, hands it `input` as
/// JSON on standard input and decodes what it prints as JSON.
enum PythonReference {
    static func run<Input: Encodable, Output: Decodable>(_ script: String, input: Input, as output: Output.Type) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let standardInput = Pipe()
        let standardOutput = Pipe()
        let standardError = Pipe()
        process.standardInput = standardInput
        process.standardOutput = standardOutput
        process.standardError = standardError
        try process.run()
        // The script reads all its input before it writes, so writing first cannot block on a full output pipe.
        try standardInput.fileHandleForWriting.write(contentsOf: try JSONEncoder().encode(input))
        try standardInput.fileHandleForWriting.close()
        let printed = standardOutput.fileHandleForReading.readDataToEndOfFile()
        let problem = String(decoding: standardError.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw HarnessError("python3 failed: \(problem)") }
        return try JSONDecoder().decode(Output.self, from: printed)
    }
}
