import EscalationCore
import Foundation
import XCTest

/// `train` learns weights into the model file; `score`, `config`, `eval` and `tune` use them.
final class LearnedWeightsCLITests: XCTestCase {
    static let dir: URL = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("esc-learned-\(UUID())")
        try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }()

    static func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    /// Trained once on the labeled samples (with metadata): 30 tickets, 3 folds.
    static let model: (path: String, stderr: String) = {
        let file = LearnedWeightsCLITests.path("learned.json")
        let t = try! Binary.run(["train", "samples/tickets.jsonl", "--folds", "3", "-o", file],
                                environment: ProcessInfo.processInfo.environment.merging(["SOURCE_DATE_EPOCH": "1764694800"]) { $1 })
        precondition(t.status == 0, t.stderr)
        return (file, t.stderr)
    }()

    func learned() throws -> LearnedCombination {
        try XCTUnwrap(ModelFile.loadTrained(path: Self.model.path).combination)
    }

    func number(_ v: JSONValue?) -> Double? { if case .number(let n)? = v { n } else { nil } }

    func testTrainReportsTheCardAndTheWeights() throws {
        let stderr = Self.model.stderr
        XCTAssertTrue(stderr.contains("model card: trained 2025-12-02T17:00:00Z on 30 tickets, 17 escalate (56.7%), 13 calm"), stderr)
        XCTAssertTrue(stderr.contains("3-fold cross-validation"), stderr)
        XCTAssertTrue(stderr.contains("priority, learned weights"), stderr)
        XCTAssertTrue(stderr.contains("learned weights: classifier "), stderr)
        let card = try XCTUnwrap(ModelFile.loadTrained(path: Self.model.path).card)
        XCTAssertEqual(card.tickets, 30)
        XCTAssertEqual(card.folds, 3)
        for name in ["probability_roc_auc", "probability_pr_auc", "priority_configured_roc_auc", "priority_learned_roc_auc"] {
            let value = try XCTUnwrap(card.metric(name), name)
            XCTAssertTrue((0.3...1).contains(value), "\(name) \(value)")
        }
    }

    /// `config --model` prints the learned values in place, marked, and parses back to them.
    func testConfigShowsTheLearnedWeights() throws {
        let learned = try learned()
        let r = try Binary.run(["config", "--model", Self.model.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        for (key, weight) in learned.weights {
            XCTAssertTrue(r.stdout.contains("\n\(key) = \(TunedConfig.number(weight))   # learned (configured: "), "\(key)\n\(r.stdout)")
        }
        XCTAssertTrue(r.stdout.contains("\nthreshold = \(TunedConfig.number(learned.threshold))   # learned (configured: 35)"), r.stdout)
        let printed = try PriorityConfig.load(path: "printed", contents: r.stdout)
        XCTAssertEqual(printed.threshold, learned.threshold)
        // A model without learned settings says so and prints the built-in configuration.
        let plain = Self.path("plain.json")
        XCTAssertEqual(try Binary.run(["train", "samples/tickets.jsonl", "--weights", "configured", "-o", plain]).status, 0)
        let p = try Binary.run(["config", "--model", plain])
        XCTAssertTrue(p.stdout.contains("has no learned settings") && p.stdout.contains("\nthreshold = 35\n"), p.stdout)
    }

    /// Scoring decides by the learned threshold; an explicit --config key wins over a learned one.
    func testScoreUsesLearnedSettingsUnderTheConfigFile() throws {
        let learned = try learned()
        let s = try Binary.run(["score", "--model", Self.model.path, "samples/tickets.jsonl"])
        XCTAssertEqual(s.status, 0, s.stderr)
        XCTAssertEqual(s.records.count, 30)
        let plain = try Binary.run(["score", "samples/tickets.jsonl"])
        XCTAssertNotEqual(s.stdout, plain.stdout)
        for r in s.records where r["triggers"] == .array([]) {
            XCTAssertEqual(r["escalate"], .bool(number(r["priority"])! >= learned.threshold), "\(r)")
        }
        let config = Self.path("c.toml")
        try Data("[decision]\nthreshold = 50\n[levels]\np3_min = 50\np2_min = 60\n".utf8).write(to: URL(fileURLWithPath: config))
        let c = try Binary.run(["score", "--model", Self.model.path, "--config", config, "samples/tickets.jsonl"])
        for r in c.records where r["triggers"] == .array([]) {
            XCTAssertEqual(r["escalate"], .bool(number(r["priority"])! >= 50), "\(r)")
        }
        // Weights stay the learned ones (a rule raising a level lifts the priority to that level's minimum, which moved).
        let untriggered = s.records.indices.filter { s.records[$0]["triggers"] == .array([]) }
        XCTAssertGreaterThan(untriggered.count, 10)
        XCTAssertEqual(untriggered.map { c.records[$0]["priority"] }, untriggered.map { s.records[$0]["priority"] })
    }

    func testEvalPrintsTheModelCard() throws {
        let r = try Binary.run(["eval", "--model", Self.model.path, "samples/tickets.jsonl"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("model card: trained "), r.stdout)
        XCTAssertTrue(r.stdout.contains("\nROC-AUC "), r.stdout)
        let json = try Binary.run(["eval", "--model", Self.model.path, "samples/tickets.jsonl", "--json"])
        let report = try JSONParser.parse(json.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        XCTAssertEqual(report["model_card"]?["tickets"], .number(30), json.stdout)
        XCTAssertNotNil(number(report["model_card"]?["cross_validation"]?["priority_learned_roc_auc"]), json.stdout)
        XCTAssertNotNil(number(report["roc_auc"]))
        let old = try Binary.run(["eval", "samples/tickets.jsonl"])
        XCTAssertFalse(old.stdout.contains("model card"), old.stdout)
    }

    /// tune with a learned model reports what `score --model M --config WRITTEN` does.
    func testTuneWithLearnedModelPredictsScore() throws {
        for objective in ["f1", "rate:0.5"] {
            let tuned = Self.path("tuned-\(objective).toml")
            let t = try Binary.run(["tune", "samples/tickets.jsonl", "--model", Self.model.path, "--objective", objective,
                                    "--json", "--write-config", tuned])
            XCTAssertEqual(t.status, 0, t.stderr)
            let report = try JSONParser.parse(t.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
            let s = try Binary.run(["score", "--model", Self.model.path, "--config", tuned, "samples/tickets.jsonl"])
            let escalated = s.records.filter { $0["escalate"] == .bool(true) }.count
            XCTAssertEqual(number(report["escalated"]), Double(escalated), objective)
            XCTAssertEqual(number(report["escalation_rate"]) ?? -1, 100 * Double(escalated) / 30, accuracy: 1e-9, objective)
            for r in s.records where r["level"] == .string("P1") || r["level"] == .string("P2") {
                XCTAssertEqual(r["escalate"], .bool(true), "\(objective): \(r)")
            }
        }
    }
}
