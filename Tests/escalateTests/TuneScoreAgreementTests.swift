import EscalationCore
import Foundation
import XCTest

/// `tune` reports what `score --config WRITTEN` then does: same escalations, same rate, and no
/// P1/P2 ticket left unescalated.
final class TuneScoreAgreementTests: XCTestCase {
    private func temp(_ name: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("esc-tune-agree-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent(name).path
    }

    private func number(_ v: JSONValue?) -> Double? {
        if case .number(let n)? = v { return n }
        return nil
    }

    /// Tunes, scores with the written config, compares; returns tune's JSON report.
    @discardableResult
    private func check(_ tuneArgs: [String], base: String? = nil, file: StaticString = #filePath, line: UInt = #line) throws -> JSONValue {
        let config = try temp("tuned.toml")
        let baseArgs = base.map { ["--config", $0] } ?? []
        let t = try Binary.run(["tune", "samples/tickets.jsonl"] + tuneArgs + baseArgs + ["--json", "--write-config", config])
        XCTAssertEqual(t.status, 0, t.stderr, file: file, line: line)
        let report = try JSONParser.parse(t.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        let s = try Binary.run(["score", "--config", config, "samples/tickets.jsonl", "--summary"])
        XCTAssertEqual(s.status, 0, s.stderr, file: file, line: line)
        let records = s.records
        XCTAssertEqual(records.count, 30, file: file, line: line)
        let escalated = records.filter { $0["escalate"] == .bool(true) }.count
        XCTAssertEqual(number(report["escalated"]), Double(escalated), "\(tuneArgs): tune's count vs score's", file: file, line: line)
        let rate = 100 * Double(escalated) / Double(records.count)
        XCTAssertEqual(number(report["escalation_rate"]) ?? -1, rate, accuracy: 1e-9, "\(tuneArgs)", file: file, line: line)
        XCTAssertTrue(s.stderr.contains("escalation rate \(String(format: "%.1f", rate))%"), s.stderr, file: file, line: line)
        // Levels and the decision agree: a P1 or P2 ticket always escalates.
        for r in records where r["level"] == .string("P1") || r["level"] == .string("P2") {
            XCTAssertEqual(r["escalate"], .bool(true), "\(tuneArgs): \(r)", file: file, line: line)
        }
        return report
    }

    func testTunedRateIsScoresRate() throws {
        for objective in ["rate:0.5", "f1", "recall:0.9", "cost:fn=10,fp=1"] {
            let report = try check(["--objective", objective])
            XCTAssertEqual(report["target_reachable"], .bool(true), objective)
        }
        // Before: tune said 10.0% and score escalated 36.7%, with 5 P1/P2 tickets not escalated.
        let report = try check(["--objective", "rate:0.10"])
        XCTAssertEqual(report["target_reachable"], .bool(false))
        XCTAssertEqual(number(report["rule_forced"]), 11)
        XCTAssertEqual(number(report["lowest_reachable_rate"]) ?? 0, 100 * 11 / 30, accuracy: 1e-9)
        XCTAssertEqual(report["rules"]?["data_loss"], .number(3))
    }

    func testPerTierThresholdsAgreeToo() throws {
        let report = try check(["--objective", "rate:0.5", "--by", "account_tier", "--min-segment", "5"])
        guard case .object(let tiers)? = report["thresholds_by_account_tier"] else { return XCTFail("\(report)") }
        XCTAssertEqual(tiers.map(\.0), ["business", "enterprise", "pro"], "free has 3 tickets, below --min-segment")
    }

    /// A base config's own keys (here: a rule switched off) go into the written file, so score
    /// applies the rules tune counted.
    func testBaseConfigIsKept() throws {
        let base = try temp("base.toml")
        try Data("version = 1\n[rule.data_loss]\nenabled = false\n".utf8).write(to: URL(fileURLWithPath: base))
        let report = try check(["--objective", "rate:0.10"], base: base)
        XCTAssertNil(report["rules"]?["data_loss"])
        XCTAssertEqual(number(report["rule_forced"]), 8)
    }

    func testTableWarnsWhenRulesExceedTheTarget() throws {
        let t = try Binary.run(["tune", "samples/tickets.jsonl", "--objective", "rate:0.10"])
        XCTAssertEqual(t.status, 0, t.stderr)
        XCTAssertTrue(t.stdout.contains("rules: 11 of 30 tickets escalate whatever the threshold (impact_urgency 5, data_loss 3, enterprise_outage 3"), t.stdout)
        XCTAssertTrue(t.stdout.contains("36.7\n"), t.stdout)
        XCTAssertTrue(t.stderr.contains("tune: warning: the escalation-matrix rules alone escalate 36.7% of tickets, above the target 10.0%"), t.stderr)
    }
}
