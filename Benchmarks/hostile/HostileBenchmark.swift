import Foundation
import HTTPTypes
import TicketGateCore
import TicketGateInbound

#if canImport(Glibc)
    import Glibc
#endif

/// glibc's `mallopt`, which `<malloc.h>` declares and the Glibc module does not.
@_silgen_name("mallopt")
private func mallopt(_ parameter: Int32, _ value: Int32) -> Int32

/// What each parser costs on hostile input of 1, 4 and 16 MiB: the CPU time of one request through the
/// parser's path, its cost per MiB, and the 16 MiB time over the 1 MiB time, which is at most 20 for work
/// linear in the input. Each figure is the median of several samples after one run to warm up; a sample runs
/// a smaller input as many times as it takes to do the largest input's work, and divides. Unsigned inputs go through verification as the gateway runs it;
/// the others through their source with verification off, as after a valid signature. Freed memory stays in
/// the heap during the run (`mallopt`), so each size is measured on memory faulted in by its warm-up run.
@main
struct HostileBenchmark {
    /// One parser's path and the input that makes it work hardest per byte.
    struct Case: Sendable {
        let name: String
        let input: @Sendable (_ bytes: Int) -> [UInt8]
        let run: @Sendable ([UInt8]) -> Void
    }

    /// `hostile-bench [RUNS] [NAME]`: every parser, or those whose name starts with NAME; `SIZES=1,2,4` (MiB)
    /// measures other sizes than 1, 4 and 16.
    static func main() {
        let arguments = CommandLine.arguments.dropFirst()
        let runs = arguments.first.flatMap { Int($0) } ?? 7
        let only = arguments.dropFirst().first ?? ""
        let sizes = ProcessInfo.processInfo.environment["SIZES"].map { $0.split(separator: ",").compactMap { Int($0) } } ?? [1, 4, 16]
        // glibc hands blocks of 128 KiB and more back to the kernel when they are freed, and the kernel zeroes
        // their pages again when they are next used; then a 16 MiB input pays for page faults that a 1 MiB one,
        // served from memory already in the heap, does not. Keeping freed memory in the heap measures the
        // parsers' own work at every size (the warm-up run faults the pages in once).
        _ = mallopt(-3, 1 << 30)  // M_MMAP_THRESHOLD
        _ = mallopt(-1, 1 << 30)  // M_TRIM_THRESHOLD
        let columns = sizes.map { String(format: "%6d MiB ms", $0) }.joined()
        print(
            "parser".padding(toLength: 42, withPad: " ", startingAt: 0) + columns
                + "   ms/MiB  \(sizes.last!)/\(sizes[0])   (median of \(runs) runs, CPU time)")
        for benchmark in cases where benchmark.name.hasPrefix(only) {
            let times = sizes.map { mebibytes -> Double in
                let input = benchmark.input(mebibytes << 20)
                benchmark.run(input)  // warm-up: the allocator's first use of blocks this size
                // Each sample is as much work as one run of the largest input, so small inputs are timed as long.
                let repeats = max(1, sizes.max()! / mebibytes)
                return median(
                    (0..<runs).map { _ in
                        cpuMilliseconds {
                            for _ in 0..<repeats { benchmark.run(input) }
                        } / Double(repeats)
                    })
            }
            print(
                benchmark.name.padding(toLength: 42, withPad: " ", startingAt: 0) + times.map { String(format: "%13.1f", $0) }.joined()
                    + String(format: "  %7.1f  %6.1f", times.last! / Double(sizes.last!), times.last! / times[0]))
        }
    }

    static let cases: [Case] = [
        Case(name: "JSON reader: objects of short strings", input: { jsonArray($0) }, run: { _ = try? JSONReader.read($0) }),
        Case(
            name: "generic form, JSON, 1,000 long fields", input: { jsonObject($0, fields: 1000) },
            run: { _ = try? endpoint(.form, "generic").receive(request($0, "application/json"), verifying: false) }),
        Case(
            name: "generic form, urlencoded, tiny fields", input: { urlencoded($0, valueBytes: 1) },
            run: { _ = try? endpoint(.form, "generic").receive(request($0, "application/x-www-form-urlencoded"), verifying: false) }),
        Case(
            name: "generic form, urlencoded, %-escapes", input: { urlencoded($0, valueBytes: $0 / 1000, escaped: true) },
            run: { _ = try? endpoint(.form, "generic").receive(request($0, "application/x-www-form-urlencoded"), verifying: false) }),
        Case(
            name: "generic form, multipart, 64 KiB parts", input: { multipart($0, partBytes: 64 << 10) },
            run: { _ = try? endpoint(.form, "generic").receive(request($0, multipartType), verifying: false) }),
        Case(
            name: "Mailgun multipart, unsigned (401)", input: { multipart($0, partBytes: $0) },
            run: { _ = try? mailgun.receive(request($0, multipartType)) }),
        Case(
            name: "Mailgun urlencoded, unsigned (401)", input: { urlencoded($0, valueBytes: 16) },
            run: { _ = try? mailgun.receive(request($0, "application/x-www-form-urlencoded")) }),
        Case(
            name: "SendGrid, raw headers field", input: { sendGridHeaders($0) },
            run: { _ = try? endpoint(.email, "sendgrid").receive(request($0, multipartType), verifying: false) }),
        Case(
            name: "Postmark, References ids", input: { postmarkReferences($0) },
            run: { _ = try? endpoint(.email, "postmark").receive(request($0, "application/json"), verifying: false) }),
        Case(
            name: "generic chat, 9,000 people, 10,000 turns", input: { chat($0) },
            run: { _ = try? endpoint(.chat, "generic").receive(request($0, "application/json"), verifying: false) }),
        Case(name: "HTML to text", input: { html($0) }, run: { _ = HTMLText.plainText(fromHTML: String(decoding: $0, as: UTF8.self)) }),
    ]

    // MARK: - Sources

    static let multipartType = "multipart/form-data; boundary=xYzZy"

    static func endpoint(_ kind: EventKind, _ format: String) -> SourceEndpoint {
        SourceEndpoint(
            SourceDefinition(
                name: "s", kind: kind, format: format, verification: .none, limits: SourceLimits(maxBodyBytes: 64 << 20, maxAttachments: 1000)))
    }

    static let mailgun = SourceEndpoint(
        SourceDefinition(
            name: "mailgun", kind: .email, format: "mailgun", verification: VerificationSettings(scheme: .mailgun, secrets: [Secret("key")])))

    static func request(_ body: [UInt8], _ contentType: String) -> InboundRequest {
        InboundRequest(body: Data(body), headers: [.contentType: contentType])
    }

    // MARK: - Inputs

    static func repeated(_ piece: String, toFill bytes: Int) -> String {
        String(repeating: piece, count: max(1, bytes / piece.utf8.count))
    }

    static func jsonArray(_ bytes: Int) -> [UInt8] {
        let item = #"{"k":"v","n":1},"#
        return Array(("[" + repeated(item, toFill: bytes) + "{}]").utf8)
    }

    static func jsonObject(_ bytes: Int, fields: Int) -> [UInt8] {
        let value = String(repeating: "x", count: max(1, bytes / fields - 16))
        return Array(("{" + (0..<fields).map { #""f\#($0)":"\#(value)""# }.joined(separator: ",") + #","email":"a@b.co"}"#).utf8)
    }

    static func urlencoded(_ bytes: Int, valueBytes: Int, escaped: Bool = false) -> [UInt8] {
        let value = escaped ? String(repeating: "%C3%A9", count: max(1, valueBytes / 6)) : String(repeating: "v", count: valueBytes)
        let pairs = max(1, bytes / (value.utf8.count + 8))
        return Array((0..<pairs).map { "f\($0)=\(value)" }.joined(separator: "&").utf8)
    }

    static func multipart(_ bytes: Int, partBytes: Int) -> [UInt8] {
        let value = String(repeating: "x", count: partBytes)
        let parts = ["from": "a@b.co"].map { ($0.key, $0.value) } + (0..<max(1, bytes / partBytes)).map { ("body-\($0)", value) }
        return Array(multipartBody(parts).utf8)
    }

    static func multipartBody(_ parts: [(String, String)]) -> String {
        parts.map { "--xYzZy\r\nContent-Disposition: form-data; name=\"\($0.0)\"\r\n\r\n\($0.1)\r\n" }.joined() + "--xYzZy--\r\n"
    }

    static func sendGridHeaders(_ bytes: Int) -> [UInt8] {
        let block = "Message-ID: <a@b.co>\r\n" + repeated("X-Header: value\r\n", toFill: bytes)
        return Array(multipartBody([("from", "a@b.co"), ("text", "hi"), ("headers", block)]).utf8)
    }

    static func postmarkReferences(_ bytes: Int) -> [UInt8] {
        let references = repeated("<id-0123456789@mail.example> ", toFill: bytes)
        return Array(
            #"{"From":"a@b.co","TextBody":"hi","Headers":[{"Name":"Message-ID","Value":"<new@mail.example>"},{"Name":"References","Value":"\#(references)"}]}"#
                .utf8)
    }

    static func chat(_ bytes: Int) -> [UInt8] {
        let people = (0..<9000).map { #"{"id":"p\#($0)","role":"customer","name":"P\#($0)"}"# }.joined(separator: ",")
        let text = String(repeating: "x", count: max(1, bytes / 10_000 - 60))
        let turns = (0..<10_000).map { #"{"participant":"p\#($0 % 9000)","time":\#(1_795_255_200 + $0),"text":"\#(text)"}"# }
        return Array(#"{"participants":[\#(people)],"turns":[\#(turns.joined(separator: ","))]}"#.utf8)
    }

    static func html(_ bytes: Int) -> [UInt8] {
        Array(repeated("<p class=\"x\">Hello &amp; <b>bye</b> &lt;3<br></p><!-- c --> ", toFill: bytes).utf8)
    }

    // MARK: - Measuring

    static func cpuMilliseconds(_ work: () -> Void) -> Double {
        var start = timespec()
        var end = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start)
        work()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &end)
        return Double(end.tv_sec - start.tv_sec) * 1000 + Double(end.tv_nsec - start.tv_nsec) / 1e6
    }

    static func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
}
