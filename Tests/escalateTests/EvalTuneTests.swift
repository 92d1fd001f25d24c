import EscalationCore
import Foundation
import XCTest

final class EvalTuneTests: XCTestCase {
    func testEvalJSONOnSamples() throws {
        let r = try Binary.run(["eval", "samples/tickets.jsonl", "--json", "--by", "account_tier"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let report = try JSONParser.parse(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        XCTAssertEqual(report["n"], .number(30))
        for key in ["roc_auc", "average_precision", "precision", "recall", "f1", "brier", "escalation_rate", "confusion", "calibration"] {
            XCTAssertNotNil(report[key], key)
        }
        XCTAssertNotNil(report["by_segment"]?["enterprise"])
        XCTAssertTrue(r.stderr.contains("eval: read 30, evaluated 30, failed 0, unlabeled 0"), r.stderr)
    }

    func testCrossValidationReportsMeanAndSD() throws {
        let r = try Binary.run(["eval", "Corpora/escalate.jsonl", "Corpora/calm.jsonl", "--folds", "3", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let report = try JSONParser.parse(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        guard case .array(let perFold)? = report["roc_auc"]?["per_fold"], case .number(let mean)? = report["roc_auc"]?["mean"] else {
            return XCTFail(r.stdout)
        }
        XCTAssertEqual(perFold.count, 3)
        XCTAssertGreaterThan(mean, 0.85, "held-out AUC on our own corpus")
    }

    func testTuneWritesAConfigThatScoreUses() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("esc-tune-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let config = dir.appendingPathComponent("tuned.toml").path
        let t = try Binary.run(["tune", "samples/tickets.jsonl", "--objective", "recall:1.0", "--by", "account_tier", "--min-segment", "5", "--write-config", config])
        XCTAssertEqual(t.status, 0, t.stderr)
        XCTAssertTrue(t.stdout.contains("(all)"), t.stdout)
        let text = try String(contentsOfFile: config, encoding: .utf8)
        XCTAssertTrue(text.contains("[thresholds_by_account_tier]"), text)
        let check = try Binary.run(["config", "--check", config])
        XCTAssertEqual(check.status, 0, check.stderr)
        // With thresholds chosen for recall 1.0, every labeled escalation in the samples escalates.
        let e = try Binary.run(["eval", "samples/tickets.jsonl", "--config", config, "--json"])
        let report = try JSONParser.parse(e.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        XCTAssertEqual(report["confusion"]?["fn"], .number(0), e.stdout)
    }

    func testBadObjectiveIsUsageError() throws {
        XCTAssertEqual(try Binary.run(["tune", "samples/tickets.jsonl", "--objective", "speed"]).status, 64)
        XCTAssertEqual(try Binary.run(["eval", "samples/tickets.jsonl", "--folds", "1"]).status, 64)
    }
}
