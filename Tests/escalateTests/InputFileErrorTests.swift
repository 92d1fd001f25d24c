import EscalationCore
import Foundation
import XCTest

/// An input file that cannot be read: `score` reports it and scores the other files (exit 1);
/// `eval`, `tune` and `train` stop (exit 65), since their one result would cover part of the data.
final class InputFileErrorTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("esc-files-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    func write(_ name: String, _ text: String) throws -> String {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path(name)))
        return path(name)
    }

    func ids(_ r: Binary.Run) -> [JSONValue?] { r.records.map { $0["id"] } }

    func testMissingFileAmongGoodOnesIsReportedAndSkipped() throws {
        let a = try write("a.jsonl", #"{"id":"a1","text":"Production is down"}"# + "\n" + #"{"id":"a2","text":"Thanks!"}"# + "\n")
        let b = try write("b.jsonl", #"{"id":"b1","text":"Please reset my password"}"# + "\n")
        let missing = path("missing.jsonl")
        let r = try Binary.run(["score", "--summary", a, missing, b])
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertEqual(ids(r), [.string("a1"), .string("a2"), .string("b1")], r.stdout)
        XCTAssertEqual(r.lines.count, 3, "only records on stdout: \(r.stdout)")
        XCTAssertTrue(r.stderr.contains("\(missing): error: No such file or directory\n"), r.stderr)
        XCTAssertTrue(r.stderr.contains("summary: read 3, scored 3, failed 0, escalated "), r.stderr)
        XCTAssertTrue(r.stderr.hasSuffix(", unreadable files 1\n"), r.stderr)
    }

    func testDirectoryAsInputIsReportedAndSkipped() throws {
        let a = try write("a.csv", "id,text\nc1,The export is broken\n")
        let r = try Binary.run(["score", "--output", "csv", dir.path, a])
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertEqual(r.stderr, "\(dir.path): error: is a directory\n")
        XCTAssertEqual(r.lines.count, 2, "header and one row: \(r.stdout)")
        XCTAssertTrue(r.lines[1].hasPrefix("c1,"), r.stdout)
    }

    func testAllFilesMissing() throws {
        let (x, y) = (path("x.jsonl"), path("y.jsonl"))
        let r = try Binary.run(["score", "--summary", x, y])
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(r.stderr.split(separator: "\n").map(String.init), [
            "\(x): error: No such file or directory",
            "\(y): error: No such file or directory",
            "summary: read 0, scored 0, failed 0, escalated 0, escalation rate n/a, unreadable files 2",
        ])
    }

    func testSummaryWithoutUnreadableFilesIsUnchanged() throws {
        let r = try Binary.run(["score", "--summary"], stdin: #"{"id":"s","text":"hello"}"# + "\n")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertFalse(r.stderr.contains("unreadable"), r.stderr)
    }

    func testLabeledCommandsStopOnAMissingFile() throws {
        let missing = path("missing.jsonl")
        for args in [["eval", "samples/tickets.jsonl", missing], ["tune", "samples/tickets.jsonl", missing, "--objective", "f1"],
                     ["train", "Corpora/calm.jsonl", missing, "-o", path("m.json")]] {
            let r = try Binary.run(args)
            XCTAssertEqual(r.status, 65, "\(args): \(r.stderr)")
            XCTAssertEqual(r.stdout, "", "\(args)")
            XCTAssertTrue(r.stderr.hasPrefix("\(missing): error: "), "\(args): \(r.stderr)")
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "\(args): \(r.stderr)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("m.json")), "no model from part of the data")
    }

    func testEvalAndTuneReportBadRecordsAndExit1() throws {
        let data = try String(contentsOfFile: Binary.root.appendingPathComponent("samples/tickets.jsonl").path, encoding: .utf8)
        let file = try write("labeled.jsonl", data + "{not json\n")
        let e = try Binary.run(["eval", file, "--json"])
        XCTAssertEqual(e.status, 1, e.stderr)
        XCTAssertNotNil(try? JSONParser.parse(e.stdout.trimmingCharacters(in: .whitespacesAndNewlines)), "report still written: \(e.stdout)")
        XCTAssertTrue(e.stderr.contains("\(file):31: error: invalid JSON"), e.stderr)
        XCTAssertTrue(e.stderr.contains("eval: read 31, evaluated 30, failed 1, unlabeled 0"), e.stderr)
        let t = try Binary.run(["tune", file, "--objective", "f1"])
        XCTAssertEqual(t.status, 1, t.stderr)
        XCTAssertTrue(t.stdout.contains("(all)"), t.stdout)
        // Unlabeled records are only warned about.
        let unlabeled = try write("unlabeled.jsonl", data + #"{"id":"u","text":"no label here"}"# + "\n")
        XCTAssertEqual(try Binary.run(["eval", unlabeled]).status, 0)
    }
}
