import Foundation
import XCTest

/// `train --classifier` and `--folds`: which model file is written, and the cross-validated
/// figures the linear classifier reports.
final class TrainClassifierTests: XCTestCase {
    private func dataFile() throws -> (dir: URL, path: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("esc-train-modes-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let hot = ["the site is down again", "outage, nothing loads!", "we will cancel: data lost", "down for hours!!", "urgent: login broken"]
        let calm = ["thanks for the help", "question about the invoice?", "great product, thanks", "how do I export a report?", "thanks, all good"]
        var lines: [String] = []
        for round in 0..<4 {
            lines += hot.map { #"{"text": "\#($0) \#(round)", "escalate": true}"# }
            lines += calm.map { #"{"text": "\#($0) \#(round)", "escalate": false}"# }
        }
        let path = dir.appendingPathComponent("labeled.jsonl").path
        try Data(lines.map { $0 + "\n" }.joined().utf8).write(to: URL(fileURLWithPath: path))
        return (dir, path)
    }

    func testLinearByDefaultReportsCrossValidation() throws {
        let (dir, path) = try dataFile()
        let model = dir.appendingPathComponent("m.json").path
        let r = try Binary.run(["train", path, "--cv-folds", "4", "-o", model])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("trained on 40 tickets (20 escalate, 20 calm)"), r.stderr)
        XCTAssertTrue(r.stderr.contains("; 4-fold CV ROC-AUC 1.000, PR-AUC 1.000"), r.stderr)
        XCTAssertNotNil(r.stderr.range(of: #"idf weighting, C (3|10|30)"#, options: .regularExpression), r.stderr)
        let text = try String(contentsOfFile: model, encoding: .utf8)
        XCTAssertTrue(text.contains(#""format":"escalate-linear-text""#))
        XCTAssertTrue(text.contains(#""cv_folds":4"#), text.prefix(300).description)
        // The model scores: a hot ticket above a calm one.
        let scored = try Binary.run(["score", "--model", model, "-"], stdin: "the site is down\nthanks for the invoice\n")
        XCTAssertEqual(scored.status, 0, scored.stderr)
        let p = scored.stdout.split(separator: "\n").map { line -> Double in
            let json = try! JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            return json["probability"] as! Double
        }
        XCTAssertEqual(p.count, 2)
        XCTAssertGreaterThan(p[0], p[1])

        // --cv-folds 1: no cross-validation of C, no classifier figures.
        let plain = try Binary.run(["train", path, "--cv-folds", "1", "--weights", "configured", "-o", model])
        XCTAssertEqual(plain.status, 0, plain.stderr)
        XCTAssertFalse(plain.stderr.contains("CV"), plain.stderr)
    }

    func testNaiveBayesOnRequest() throws {
        let (dir, path) = try dataFile()
        let model = dir.appendingPathComponent("nb.json").path
        let r = try Binary.run(["train", path, "--classifier", "naive-bayes", "-o", model])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(try String(contentsOfFile: model, encoding: .utf8).contains(#""format":"escalate-naive-bayes""#))
        XCTAssertEqual(try Binary.run(["train", path, "--classifier", "svm", "-o", model]).status, 64)
        XCTAssertEqual(try Binary.run(["train", path, "--folds", "0", "-o", model]).status, 64)
    }
}
