import EscalationCore
import Foundation
import XCTest

/// `--jobs` changes speed only: the same records, in the same order, with the same diagnostics.
final class ParallelTests: XCTestCase {
    func testJobCountsGiveIdenticalOutput() throws {
        // Many chunks (so chunks are scored while others are read and written),
        // with bad lines and repeated ids among them.
        let texts = try String(contentsOfFile: Binary.root.appendingPathComponent("Corpora/escalate.jsonl").path, encoding: .utf8)
            .split(separator: "\n").compactMap { line -> String? in
                guard case .string(let text)? = try? JSONParser.parse(String(line))["text"] else { return nil }
                return text
            }
        var lines: [String] = []
        for k in 0..<2600 {
            switch k % 500 {
            case 7: lines.append("{\"id\": \"broken-\(k)\", \"text\": ")
            case 8: lines.append("{\"id\": \"dup\", \"text\": \"Data loss again\"}")
            default:
                let metadata = "\"account_tier\": \"\(["free", "pro", "enterprise"][k % 3])\", \"arr_usd\": \(k * 97)"
                lines.append("{\"id\": \"t\(k)\", \"text\": \(JSONWriter.quoted(texts[k % texts.count])), \(metadata)}")
            }
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("parallel-\(getpid()).jsonl").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }

        let one = try Binary.run(["score", "--jobs", "1", "--summary", path])
        XCTAssertEqual(one.status, 1, "error records make exit status 1")
        XCTAssertEqual(one.lines.count, lines.count, "one output line per input line")
        XCTAssertEqual(one.records.filter { $0["error"] != nil }.count, 6)
        XCTAssertTrue(one.stderr.contains("duplicate id 'dup'"), one.stderr)
        for jobs in ["2", "3"] {
            let many = try Binary.run(["score", "--jobs", jobs, "--summary", path])
            XCTAssertEqual(many.status, one.status)
            XCTAssertTrue(many.stdout == one.stdout, "--jobs \(jobs) output differs from --jobs 1")
            XCTAssertEqual(many.stderr, one.stderr, "--jobs \(jobs) diagnostics differ")
        }
    }
}
