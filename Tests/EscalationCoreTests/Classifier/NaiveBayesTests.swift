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

    func testWordScoringEqualsFeatureCounts() {
        var model = NaiveBayes()
        model.fit([Features.counts(["site", "is", "down", "site", "is"]), Features.counts(["thanks", "it", "works"])], labels: [true, false])
        let scorer = model.scorer()
        for words in [["site", "is", "down"], ["is", "site", "unknown", "down", "site", "is"], ["thanks"], [], ["zzz"]] {
            XCTAssertEqual(scorer.probability(words: words.map(model.column(of:))), model.probability(Features.counts(words)), accuracy: 1e-12, "\(words)")
        }
    }

    /// The tables re-indexed (as an escalator does by vocabulary id: any order, and indices that
    /// are no feature) score exactly like the feature counts: every unigram and bigram found.
    func testReindexedScoringEqualsFeatureCounts() {
        var rng = SeededGenerator(seed: 21)
        let alphabet = (0..<120).map { "w\($0)" }
        func words(_ n: Int) -> [String] { (0..<n).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] } }
        var model = NaiveBayes()
        let documents = (0..<300).map { _ in words(Int.random(in: 1...30, using: &rng)) }
        model.fit(documents.map { Features.counts($0) }, labels: documents.indices.map { $0 % 3 == 0 })
        XCTAssertGreaterThan(model.featureCount, 3000, "many bigrams")
        // Words get shuffled indices after 40 indices that are no feature.
        var index: [String: Int32] = [:]
        for (k, word) in alphabet.shuffled(using: &rng).enumerated() { index[word] = Int32(40 + k) }
        var indexOfColumn = [Int32](repeating: -1, count: model.featureCount)
        for word in alphabet where model.column(of: word) >= 0 { indexOfColumn[Int(model.column(of: word))] = index[word]! }
        let scorer = model.scorer(wordCount: 40 + alphabet.count, indexOfColumn: indexOfColumn)
        for _ in 0..<500 {
            var text = words(Int.random(in: 0...40, using: &rng))
            if !text.isEmpty { text[Int.random(in: 0..<text.count, using: &rng)] = "unknown" }
            let indices = text.map { index[$0] ?? (Bool.random(using: &rng) ? -1 : Int32.random(in: 0..<40, using: &rng)) }
            XCTAssertEqual(scorer.probability(words: indices), model.probability(Features.counts(text)), accuracy: 1e-9, "\(text)")
        }
    }

    /// The seam's reference path agrees with the model's own probabilities.
    func testLogOddsFromWords() {
        var model = NaiveBayes()
        model.fit([Features.counts(["site", "is", "down"]), Features.counts(["thanks", "it", "works"])], labels: [true, false])
        for words in [["site", "down"], ["thanks"], [], ["zzz", "site"]] {
            XCTAssertEqual(model.probability(words: words), model.probability(Features.counts(words)), accuracy: 1e-12, "\(words)")
        }
        XCTAssertGreaterThan(model.logOdds(words: ["site", "down"]), 0)
        XCTAssertLessThan(model.logOdds(words: ["thanks"]), 0)
    }

    func testFeaturesAreUnigramsAndBigrams() {
        XCTAssertEqual(Features.counts(["a", "b", "a"]), ["a": 2, "b": 1, "a b": 1, "b a": 1])
    }
}
