import Foundation
import XCTest

/// `train` (and `eval --folds`, which trains per fold) refuse data without both labels.
final class TrainLabelTests: XCTestCase {
    private func file(_ name: String, _ lines: [String]) throws -> (dir: URL, path: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("esc-train-labels-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name).path
        try Data(lines.map { $0 + "\n" }.joined().utf8).write(to: URL(fileURLWithPath: path))
        return (dir, path)
    }

    private func records(_ n: Int, escalate: Bool) -> [String] {
        (0..<n).map { #"{"text": "ticket number \#($0) about the invoice", "escalate": \#(escalate)}"# }
    }

    func testEmptyOrOneClassIsRefused() throws {
        let cases: [(String, [String], String)] = [
            ("empty.jsonl", [], "error: no labeled records"),
            ("calm.jsonl", records(120, escalate: false), "error: all 120 records are labeled calm (escalate false); training needs both classes"),
            ("hot.csv", ["text,escalate"] + (0..<3).map { "urgent outage \($0),true" }, "error: all 3 records are labeled escalate (true); training needs both classes"),
        ]
        for (name, lines, message) in cases {
            let (dir, path) = try file(name, lines)
            let model = dir.appendingPathComponent("model.json").path
            let r = try Binary.run(["train", path, "-o", model])
            XCTAssertEqual(r.status, 65, name)
            XCTAssertEqual(r.stderr, "\(path): \(message)\n", name)
            XCTAssertFalse(FileManager.default.fileExists(atPath: model), "\(name): no model is written")
        }
    }

    func testBothClassesTrain() throws {
        let (dir, path) = try file("both.jsonl", records(3, escalate: false) + records(1, escalate: true))
        let model = dir.appendingPathComponent("model.json").path
        let r = try Binary.run(["train", path, "-o", model])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: model))
    }

    func testCrossValidationOnOneClassIsRefused() throws {
        let (_, path) = try file("calm.jsonl", records(10, escalate: false))
        let r = try Binary.run(["eval", path, "--folds", "2"])
        XCTAssertEqual(r.status, 65)
        XCTAssertTrue(r.stderr.hasPrefix("\(path): error: all 10 records are labeled calm (escalate false); training needs both classes"), r.stderr)
        XCTAssertEqual(r.stdout, "", "no figures")
        // With Corpora/ added, each fold trains on both classes.
        XCTAssertEqual(try Binary.run(["eval", path, "--folds", "2", "--with-corpus"]).status, 0)
    }
}
