import EscalationCore
import Foundation
import XCTest

/// Runs the built `escalate` binary on fixtures: the CLI contract other tools rely on.
final class CLITests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func fixture(_ name: String) -> String { root.appendingPathComponent("Tests/Fixtures/cli/\(name)").path }

    typealias Run = Binary.Run
    static var binary: URL { Binary.url }

    @discardableResult
    func run(_ args: [String], stdin: String? = nil) throws -> Run { try Binary.run(args, stdin: stdin) }

    func testIssueExampleOnStdin() throws {
        let input = """
        {"id":"a","text":"Our production cluster is DOWN, this is the third outage this week. We will cancel and talk to our lawyers."}
        {"id":"b","text":"Thanks, the export works now!"}

        """
        let r = try run(["score"], stdin: input)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.records.count, 2)
        let a = r.records[0], b = r.records[1]
        XCTAssertEqual(a["id"], .string("a"))
        guard case .number(let pa)? = a["priority"], case .number(let pb)? = b["priority"] else { return XCTFail(r.stdout) }
        XCTAssertGreaterThan(pa, pb + 40)
        XCTAssertTrue([.string("P1"), .string("P2")].contains(a["level"]!))
        for key in ["outage", "churn", "legal"] { XCTAssertNotNil(a["risks"]?[key], key) }
        XCTAssertEqual(b["escalate"], .bool(false))
        for field in ["priority", "escalate", "level", "tier", "type", "review", "sentiment", "probability", "risks", "triggers", "reasons"] {
            XCTAssertNotNil(a[field], field)
        }
    }

    func testBadRecordsAreReportedAndNotDropped() throws {
        let r = try run(["score", "--keep-fields", "--summary", Self.fixture("mixed.jsonl")])
        XCTAssertEqual(r.status, 1, "record errors give exit status 1")
        let records = r.records
        XCTAssertEqual(r.lines.count, 6, "6 non-blank input lines → 6 output lines:\n\(r.stdout)")
        XCTAssertEqual(records.count, 6, "every output line is valid JSON")
        XCTAssertEqual(records.map { $0["error"] != nil }, [false, true, true, false, true, false])
        XCTAssertEqual(records[1]["id"], .string("j2"), "a failed record keeps its own id")
        XCTAssertEqual(records[2]["id"], .string("4"), "unreadable record: id is its line number")
        XCTAssertEqual(records[5]["id"], .string("7"))
        XCTAssertEqual(records[0]["team"], .string("emea"), "--keep-fields echoes unknown fields")
        let path = Self.fixture("mixed.jsonl")
        XCTAssertTrue(r.stderr.contains("\(path):3: error: 'text' is a number"), r.stderr)
        XCTAssertTrue(r.stderr.contains("\(path):4: error: invalid JSON"), r.stderr)
        XCTAssertTrue(r.stderr.contains("\(path):6: error: record is a JSON array"), r.stderr)
        XCTAssertTrue(r.stderr.contains("summary: read 6, scored 3, failed 3"), r.stderr)
    }

    func testCSVWithQuotedNewlinesAndCSVOutput() throws {
        let r = try run(["score", Self.fixture("tickets.csv"), "--output", "csv"])
        XCTAssertEqual(r.status, 1, r.stderr)  // c3 has an unterminated quote
        let rows = r.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertTrue(rows[0].hasPrefix("id,priority,escalate,level"))
        XCTAssertTrue(rows[1].hasPrefix("c1,"), r.stdout)
        XCTAssertTrue(rows[1].contains("outage"), "quoted newline kept the body together")
        XCTAssertTrue(rows[2].hasPrefix("c2,"))
        XCTAssertTrue(r.stderr.contains("tickets.csv:5: error: unterminated quoted field"), r.stderr)
    }

    func testPlainTextFormatAndTable() throws {
        let r = try run(["score", "--format", "text", "--output", "table"], stdin: "Our site is down again!\nHow do I export a report?\n")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.lines.count, 3)
        XCTAssertTrue(r.lines[1].hasPrefix("1 "))
        XCTAssertTrue(r.lines[1].contains("outage"))
    }

    func testStdinResultsAreFlushedPerRecord() throws {
        let p = Process()
        p.executableURL = Self.binary
        p.arguments = ["score"]
        p.currentDirectoryURL = Self.root
        let out = Pipe(), inp = Pipe()
        p.standardOutput = out
        p.standardInput = inp
        p.standardError = FileHandle.nullDevice
        try p.run()
        inp.fileHandleForWriting.write(Data(#"{"id":"live","text":"is anyone there?"}"#.utf8 + [0x0A]))
        // The first result must arrive while stdin is still open.
        var got = Data()
        while !got.contains(0x0A) { got += out.fileHandleForReading.availableData }
        XCTAssertTrue(String(decoding: got, as: UTF8.self).hasPrefix(#"{"id":"live""#))
        try inp.fileHandleForWriting.close()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
    }

    /// Every file of the checkout's Corpora/, as the built-in model is trained from.
    static func corpusFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: Binary.root.appendingPathComponent("Corpora").path).filter { $0.hasSuffix(".jsonl") }.sorted().map { "Corpora/" + $0 }
    }

    func testTrainThenScoreWithModel() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("esc-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let model = dir.appendingPathComponent("model.json").path
        // --weights configured and naive Bayes: what start-up trains (ClassifierKinds.startupTrainer);
        // learned weights are `LearnedWeightsCLITests`'.
        let t = try run(["train"] + Self.corpusFiles() + ["--weights", "configured", "--classifier", "naive-bayes", "--output", model])
        XCTAssertEqual(t.status, 0, t.stderr)
        XCTAssertTrue(t.stderr.contains("trained on"), t.stderr)
        let withModel = try run(["score", "--model", model, "samples/tickets.jsonl"])
        let withCorpus = try run(["score", "samples/tickets.jsonl"])
        XCTAssertEqual(withModel.status, 0, withModel.stderr)
        XCTAssertEqual(withModel.stdout, withCorpus.stdout, "a model trained on Corpora/ scores exactly like the built-in training")
        XCTAssertEqual(withModel.lines.count, 30)
    }

    func testBadDataFilesExit65WithLocation() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("esc-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let config = dir.appendingPathComponent("c.toml").path
        try Data("[decision]\nthreshold = 50\nbogus = 1\n".utf8).write(to: URL(fileURLWithPath: config))
        let r = try run(["score", "--config", config], stdin: "")
        XCTAssertEqual(r.status, 65)
        XCTAssertEqual(r.stderr, "\(config):3: error: unknown key 'bogus' in [decision]\n")
        let m = try run(["score", "--model", config], stdin: "")
        XCTAssertEqual(m.status, 65)
        XCTAssertTrue(m.stderr.hasPrefix("\(config): error: not an escalate model file"), m.stderr)
        // Risk categories are checked once the lexicon is loaded, with one scoring thread or several.
        try Data("[risk]\noutage = 0.8\noutgae = 0.8\n".utf8).write(to: URL(fileURLWithPath: config))
        for jobs in ["1", "2"] {
            let typo = try run(["score", "--jobs", jobs, "--config", config], stdin: "")
            XCTAssertEqual(typo.status, 65)
            XCTAssertTrue(typo.stderr.hasPrefix("\(config):3: error: unknown risk category 'outgae' in [risk]"), typo.stderr)
        }
        XCTAssertEqual(try run(["config", "--check", config]).status, 65)
    }

    func testUsageErrorsExit64AndHelpHasExamples() throws {
        XCTAssertEqual(try run(["score", "--threshold", "150"], stdin: "").status, 64)
        XCTAssertEqual(try run(["score", "--output", "xml"], stdin: "").status, 64)
        for sub in ["score", "train", "config"] {
            let help = try run([sub, "--help"])
            XCTAssertTrue(help.stdout.contains("Examples:"), sub)
        }
        let config = try run(["config"])
        XCTAssertTrue(config.stdout.contains("[weights]"))
    }
}
