import Foundation

/// Prometheus text parsed by the reference parser (the Python client's), as a map from
/// `name{label="value",…}` (labels sorted) to value. A text the parser refuses throws.
enum PrometheusText {
    static func parse(_ text: String) async throws -> [String: Double] {
        let script = """
            import json, sys
            from prometheus_client.parser import text_string_to_metric_families
            samples = {}
            for family in text_string_to_metric_families(sys.stdin.read()):
                for sample in family.samples:
                    labels = ",".join(f'{k}="{v}"' for k, v in sorted(sample.labels.items()))
                    samples[f"{sample.name}{{{labels}}}"] = sample.value
            print(json.dumps(samples))
            """
        let directory = try TemporaryDirectory()
        let input = try directory.write("metrics.txt", text)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: input))
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        let (exited, exit) = AsyncStream.makeStream(of: Int32.self)
        process.terminationHandler = { exit.yield($0.terminationStatus) }
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let problem = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        guard try await exited.first(where: { _ in true }) == 0 else {
            throw HarnessError("the Prometheus parser refused the text (python3 with prometheus-client is needed): \(problem)")
        }
        return try JSONDecoder().decode([String: Double].self, from: data)
    }
}
