import Foundation
import XCTest

/// The binary carries its default lexicons and corpus; folders given by ESCALATE_HOME or flags win.
final class DataLocationCLITests: XCTestCase {
    var dir: URL!
    let ticket = #"{"id":"z","text":"A zebra stampede took our production cluster down, we will cancel.","account_tier":"enterprise"}"# + "\n"
    let term = "zebra stampede"

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("escalate-data-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    /// The environment without ESCALATE_HOME, plus `extra`.
    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["ESCALATE_HOME"] = nil
        return env.merging(extra) { $1 }
    }

    /// A copy of the checkout's data under `home`, with `term` added to the outage category of risk.txt.
    func modifiedHome() throws -> URL {
        let home = dir.appendingPathComponent("home")
        for folder in ["Lexicons", "Corpora"] {
            try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: Binary.root.appendingPathComponent(folder), to: home.appendingPathComponent(folder))
        }
        let risk = home.appendingPathComponent("Lexicons/risk.txt")
        let text = try String(contentsOf: risk, encoding: .utf8)
        let header = try XCTUnwrap(text.range(of: "\n[outage "))
        let lineEnd = try XCTUnwrap(text[header.upperBound...].firstIndex(of: "\n"))
        try (text[...lineEnd] + term + "\n" + text[text.index(after: lineEnd)...]).write(to: risk, atomically: true, encoding: .utf8)
        return home
    }

    func outageTerms(_ run: Binary.Run) -> [String] {
        guard let record = run.records.first, case .array(let terms)? = record["risks"]?["outage"] else { return [] }
        return terms.compactMap { if case .string(let s) = $0 { return s } else { return nil } }
    }

    func testCopiedBinaryRunsAloneWithTheSameResults() throws {
        let lone = dir.appendingPathComponent("escalate")
        try FileManager.default.copyItem(at: Binary.url, to: lone)
        let alone = try Binary.run(["score"], stdin: ticket, executable: lone, directory: dir, environment: environment())
        XCTAssertEqual(alone.status, 0, alone.stderr)
        let normal = try Binary.run(["score"], stdin: ticket, environment: environment())
        XCTAssertEqual(normal.status, 0, normal.stderr)
        XCTAssertEqual(alone.stdout, normal.stdout)
        XCTAssertEqual(alone.records.count, 1)
        XCTAssertFalse(outageTerms(alone).isEmpty, alone.stdout)
        // Training from the checkout's Corpora/ gives the built-in model: same scores with --model.
        let model = dir.appendingPathComponent("model.json").path
        let trained = try Binary.run(["train"] + CLITests.corpusFiles() + ["--classifier", "naive-bayes", "--weights", "configured", "-o", model], environment: environment())
        XCTAssertEqual(trained.status, 0, trained.stderr)
        XCTAssertEqual(try Binary.run(["score", "--model", model], stdin: ticket, executable: lone, directory: dir, environment: environment()).stdout,
                       alone.stdout)
    }

    func testEnvironmentAndFlagsOverrideTheBuiltInData() throws {
        let home = try modifiedHome()
        let builtIn = try Binary.run(["score"], stdin: ticket, directory: dir, environment: environment())
        XCTAssertFalse(outageTerms(builtIn).contains(term), builtIn.stdout)

        let flag = try Binary.run(["score", "--lexicons", home.appendingPathComponent("Lexicons").path], stdin: ticket,
                                  directory: dir, environment: environment())
        XCTAssertEqual(flag.status, 0, flag.stderr)
        XCTAssertTrue(outageTerms(flag).contains(term), flag.stdout)

        let env = try Binary.run(["score"], stdin: ticket, directory: dir, environment: environment(["ESCALATE_HOME": home.path]))
        XCTAssertEqual(env.status, 0, env.stderr)
        XCTAssertEqual(env.stdout, flag.stdout)

        // The flag beats the environment: the checkout's own lexicons lack the term.
        let both = try Binary.run(["score", "--lexicons", Binary.root.appendingPathComponent("Lexicons").path], stdin: ticket,
                                  directory: dir, environment: environment(["ESCALATE_HOME": home.path]))
        XCTAssertEqual(both.stdout, builtIn.stdout)
    }

    func testCorpusFlagOverridesTheBuiltInCorpus() throws {
        let corpus = dir.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        // One file only: a different model, so a different probability.
        try FileManager.default.copyItem(at: Binary.root.appendingPathComponent("Corpora/escalate.jsonl"), to: corpus.appendingPathComponent("a.jsonl"))
        try #"{"text": "How do I export a report?", "escalate": false}"#.write(to: corpus.appendingPathComponent("b.jsonl"), atomically: true, encoding: .utf8)
        let builtIn = try Binary.run(["score"], stdin: ticket, directory: dir, environment: environment())
        let other = try Binary.run(["score", "--corpus", corpus.path], stdin: ticket, directory: dir, environment: environment())
        XCTAssertEqual(other.status, 0, other.stderr)
        XCTAssertNotEqual(other.records.first?["probability"], builtIn.records.first?["probability"])
    }

    func testMissingFolderUnderEscalateHomeIsReported() throws {
        let r = try Binary.run(["score"], stdin: ticket, directory: dir, environment: environment(["ESCALATE_HOME": dir.path]))
        XCTAssertEqual(r.status, 65)
        XCTAssertTrue(r.stderr.contains("\(dir.path)/Corpora: error: no such folder; ESCALATE_HOME is set to"), r.stderr)
    }
}
