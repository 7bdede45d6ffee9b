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
        let ended = try await ChildProcess.run("/usr/bin/env", ["python3", "-c", script], input: Data(text.utf8))
        guard ended.status == 0 else {
            let problem = String(decoding: ended.error, as: UTF8.self)
            throw HarnessError("the Prometheus parser refused the text (python3 with prometheus-client is needed): \(problem)")
        }
        return try JSONDecoder().decode([String: Double].self, from: ended.output)
    }
}
