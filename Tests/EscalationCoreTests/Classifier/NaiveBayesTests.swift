import EscalationCore
import Foundation
import XCTest

final class NaiveBayesTests: XCTestCase {
    struct ParityFixture: Decodable {
        struct Case: Decodable {
            var alpha: Double
            var fit_prior: Bool
            var predict_proba: [[Double]]
            var predict_log_proba: [[Double]]
        }
        var features: [String]
        var X_train: [[Int]]
        var y_train: [Int]
        var X_test: [[Int]]
        var cases: [Case]
    }

    func sparse(_ row: [Int], _ names: [String]) -> [String: Int] {
        var d: [String: Int] = [:]
        for (i, c) in row.enumerated() where c > 0 { d[names[i]] = c }
        return d
    }

    /// Probabilities equal scikit-learn's MultinomialNB on the same counts
    /// (fixture written by scripts/make_nb_fixture.py).
    func testMatchesScikitLearn() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Fixture.path("Tests/Fixtures/nb_sklearn_parity.json")))
        let f = try JSONDecoder().decode(ParityFixture.self, from: data)
        let docs = f.X_train.map { sparse($0, f.features) }
        XCTAssertEqual(f.cases.count, 4)
        for c in f.cases {
            var model = NaiveBayes(configuration: .init(alpha: c.alpha, fitPrior: c.fit_prior))
            model.fit(docs, labels: f.y_train.map { $0 == 1 })
            for (row, expected) in zip(f.X_test, c.predict_log_proba) {
                let got = model.logProbabilities(sparse(row, f.features))
                XCTAssertEqual(got[0], expected[0], accuracy: 1e-9)
                XCTAssertEqual(got[1], expected[1], accuracy: 1e-9)
            }
            for (row, expected) in zip(f.X_test, c.predict_proba) {
                XCTAssertEqual(model.probability(sparse(row, f.features)), expected[1], accuracy: 1e-12)
            }
        }
    }

    func testHandComputedExample() {
        // Two docs: class 1 "a a", class 0 "b". alpha = 1, vocab {a, b}.
        var model = NaiveBayes()
        model.fit([["a": 2], ["b": 1]], labels: [true, false])
        // P(a|1) = 3/4, P(a|0) = 1/3; priors equal → P(1|"a") = (3/4)/(3/4 + 1/3) = 9/13.
        XCTAssertEqual(model.probability(["a": 1]), 9.0 / 13.0, accuracy: 1e-12)
        XCTAssertEqual(model.probability(["unseen": 5]), 0.5, accuracy: 1e-12, "unknown features are ignored")
    }

    func testInvariants() {
        var model = NaiveBayes()
        model.fit([["x": 1, "y": 2], ["y": 1], ["z": 3], ["x": 1]], labels: [true, true, false, false])
        let doc = ["x": 2, "z": 1, "y": 1]
        let logp = model.logProbabilities(doc)
        XCTAssertEqual(exp(logp[0]) + exp(logp[1]), 1, accuracy: 1e-12)
        // Fitting in two batches equals fitting at once (counts are the state).
        var split = NaiveBayes()
        split.fit([["x": 1, "y": 2], ["y": 1]], labels: [true, true])
        split.fit([["z": 3], ["x": 1]], labels: [false, false])
        XCTAssertEqual(split.probability(doc), model.probability(doc), accuracy: 1e-12)
        // Huge counts stay finite thanks to log-sum-exp.
        let extreme = model.probability(["y": 100_000])
        XCTAssertTrue(extreme.isFinite && extreme > 0.99)
    }

    func testModelFileRoundTripAndRefusals() throws {
        var model = NaiveBayes(configuration: .init(alpha: 0.5))
        model.fit([Features.counts(["site", "down"]), Features.counts(["thanks"])], labels: [true, false])
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nb-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("m.json").path
        try ModelFile(model: model).encoded().write(to: URL(fileURLWithPath: path))
        let loaded = try ModelFile.load(path: path)
        XCTAssertEqual(loaded.probability(["site down": 1]), model.probability(["site down": 1]), accuracy: 1e-15)

        let wrong = dir.appendingPathComponent("wrong.json").path
        try Data(#"{"format":"escalate-naive-bayes","version":99}"#.utf8).write(to: URL(fileURLWithPath: wrong))
        XCTAssertThrowsError(try ModelFile.load(path: wrong)) { XCTAssertTrue("\($0)".contains("version 99 is not supported"), "\($0)") }
        let other = dir.appendingPathComponent("other.json").path
        try Data("[1,2,3]".utf8).write(to: URL(fileURLWithPath: other))
        XCTAssertThrowsError(try ModelFile.load(path: other)) { XCTAssertTrue("\($0)".hasPrefix("\(other): error: not an escalate model file"), "\($0)") }
    }

    func testWordScoringEqualsFeatureCounts() {
        var model = NaiveBayes()
        model.fit([Features.counts(["site", "is", "down", "site", "is"]), Features.counts(["thanks", "it", "works"])], labels: [true, false])
        for words in [["site", "is", "down"], ["is", "site", "unknown", "down", "site", "is"], ["thanks"], [], ["zzz"]] {
            XCTAssertEqual(model.probability(words: words), model.probability(Features.counts(words)), accuracy: 1e-12, "\(words)")
        }
    }

    func testFeaturesAreUnigramsAndBigrams() {
        XCTAssertEqual(Features.counts(["a", "b", "a"]), ["a": 2, "b": 1, "a b": 1, "b a": 1])
    }
}
