import EscalationCore
import Foundation
import XCTest

final class MetricsTests: XCTestCase {
    struct Case: Decodable {
        var scores: [Double], labels: [Bool], threshold: Double
        var roc_auc: Double, average_precision: Double, f1: Double, precision: Double, recall: Double, brier: Double
    }
    struct Fixture_: Decodable { var cases: [Case] }

    /// Values computed by scikit-learn (scripts/make_metrics_fixture.py) on scores with ties.
    func testAgreesWithScikitLearn() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Fixture.path("Tests/Fixtures/metrics_sklearn.json")))
        let cases = try JSONDecoder().decode(Fixture_.self, from: data).cases
        XCTAssertEqual(cases.count, 3)
        for c in cases {
            XCTAssertEqual(Metrics.rocAUC(scores: c.scores, labels: c.labels)!, c.roc_auc, accuracy: 1e-9)
            XCTAssertEqual(Metrics.averagePrecision(scores: c.scores, labels: c.labels)!, c.average_precision, accuracy: 1e-9)
            let m = Metrics.confusion(scores: c.scores, labels: c.labels, threshold: c.threshold)
            XCTAssertEqual(m.f1, c.f1, accuracy: 1e-12)
            XCTAssertEqual(m.precision ?? 0, c.precision, accuracy: 1e-12)
            XCTAssertEqual(m.recall ?? 0, c.recall, accuracy: 1e-12)
            XCTAssertEqual(Metrics.brier(probabilities: c.scores.map { $0 / 100 }, labels: c.labels)!, c.brier, accuracy: 1e-12)
        }
    }

    func testHandComputedAndDegenerate() {
        XCTAssertEqual(Metrics.rocAUC(scores: [0.1, 0.4, 0.35, 0.8], labels: [false, false, true, true])!, 0.75, accuracy: 1e-12)
        XCTAssertNil(Metrics.rocAUC(scores: [1, 2], labels: [true, true]), "undefined with one class")
        XCTAssertEqual(Metrics.confusion(scores: [], labels: [], threshold: 50).f1, 0)
        XCTAssertNil(Metrics.confusion(scores: [], labels: [], threshold: 50).escalationRate)
    }

    func testTuningObjectives() {
        let scores: [Double] = [90, 80, 70, 60, 50, 40, 30, 20, 10, 5]
        let labels = [true, true, false, true, false, false, true, false, false, false]
        let recall = Tuning.best(scores: scores, labels: labels, objective: .recall(0.75))!
        XCTAssertEqual(recall.threshold, 60, "highest threshold that still catches 3 of 4")
        XCTAssertEqual(Tuning.best(scores: scores, labels: labels, objective: .rate(0.2))!.threshold, 80)
        let cost = Tuning.best(scores: scores, labels: labels, objective: .cost(falseNegative: 10, falsePositive: 1))!
        XCTAssertEqual(cost.threshold, 30, "missing an escalation costs more than 3 false alarms")
        XCTAssertEqual(Objective("cost:fn=10,fp=1"), .cost(falseNegative: 10, falsePositive: 1))
        XCTAssertNil(Objective("recall:2"))
    }

    func testStratifiedFoldsKeepBalance() {
        let labels = (0..<100).map { $0 % 4 == 0 }
        let folds = Folds.stratified(labels: labels, k: 5)
        for f in 0..<5 {
            let inFold = labels.indices.filter { folds[$0] == f }
            XCTAssertEqual(inFold.count, 20)
            XCTAssertEqual(inFold.filter { labels[$0] }.count, 5)
        }
    }
}
