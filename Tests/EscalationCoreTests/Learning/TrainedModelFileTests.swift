import EscalationCore
import Foundation
import XCTest

final class TrainedModelFileTests: XCTestCase {
    func tinyModel() throws -> NaiveBayes {
        try NaiveBayes(configuration: .init(alpha: 0.5), documentsPerClass: [1, 1],
                       featureNames: ["down", "thanks"], featureCounts: [[0, 1], [1, 0]])
    }

    func learned() -> LearnedCombination {
        LearnedCombination(weights: [("classifier", 0.4125), ("risk", 0.3), ("negativity", 0.2875)], threshold: 27.4,
                           levelMinimums: (27.4, 55, 75), calibration: Calibration(slope: 0.21, intercept: -0.4),
                           classifierLogOdds: (-4.25, 2.5),
                           intercept: -3.2, coefficients: [2.1, 1.5, 1.4], probabilityCut: 0.41, l2: 1)
    }

    func card() -> ModelCard {
        var card = ModelCard()
        card.trainedAt = "2026-12-02T17:00:00Z"
        card.tickets = 445
        card.escalations = 162
        card.options = "alpha 1, folds 5, weights learned (l2 1)"
        card.folds = 5
        card.add("probability", scores: [0.1, 0.9, 0.4], labels: [false, true, true])
        card.metrics.append(("priority_learned_roc_auc", .nan))
        return card
    }

    func testRoundTrip() throws {
        let model = TrainedModel(classifier: try tinyModel(), combination: learned(), card: card())
        let loaded = try ModelFile.loadTrained(data: model.encoded(), path: "m.json")
        XCTAssertEqual(loaded.combination, learned())
        XCTAssertEqual(loaded.card, card())
        XCTAssertNil(loaded.card?.metric("priority_learned_roc_auc"), "an undefined figure stays undefined")
        XCTAssertEqual(loaded.calibration, Calibration(slope: 0.21, intercept: -0.4))
        XCTAssertEqual(loaded.classifier.probability(words: ["down"]), try tinyModel().probability(words: ["down"]), accuracy: 1e-15)
        let config = try loaded.config(path: "m.json", userFile: nil)
        XCTAssertEqual(config.weights[.classifier], 0.4125)
        XCTAssertEqual(config.weights[.arr], PriorityConfig.default.weights[.arr], "not learned: configured")
        XCTAssertEqual(config.threshold, 27.4)
        XCTAssertEqual(config.classifierLogOddsLow, -4.25)
        XCTAssertEqual(config.classifierLogOddsHigh, 2.5)
        XCTAssertEqual(config.spec(.p3).minimum, 27.4)
    }

    /// A file from before learned settings: the same classifier, no combination, no card, and the
    /// configuration and probabilities it always gave.
    func testOldModelLoadsUnchanged() throws {
        let old = try ModelFile.encoded(tinyModel())
        XCTAssertFalse(String(decoding: old, as: UTF8.self).contains("combination"))
        let loaded = try ModelFile.loadTrained(data: old, path: "old.json")
        XCTAssertNil(loaded.combination)
        XCTAssertNil(loaded.card)
        XCTAssertEqual(loaded.calibration, .identity)
        let config = try loaded.config(path: "old.json", userFile: nil)
        for c in PriorityConfig.Component.allCases { XCTAssertEqual(config.weights[c], PriorityConfig.default.weights[c]) }
        XCTAssertEqual(config.threshold, PriorityConfig.default.threshold)
        XCTAssertEqual(try ModelFile.load(data: old, path: "old.json").probability(words: ["down"]),
                       try tinyModel().probability(words: ["down"]))
    }

    /// Explicit --config keys > learned settings > built-in defaults.
    func testPrecedence() throws {
        let model = TrainedModel(classifier: try tinyModel(), combination: learned())
        let config = try model.config(path: "m.json", userFile: ("c.toml", "[weights]\nclassifier = 0.5\n[decision]\nthreshold = 40\n"))
        XCTAssertEqual(config.weights[.classifier], 0.5)
        XCTAssertEqual(config.threshold, 40)
        XCTAssertEqual(config.weights[.risk], 0.3, "learned, not overridden")
        XCTAssertEqual(config.weights[.tier], PriorityConfig.default.weights[.tier])
    }

    func testDamagedLearnedSettingsAreRefused() throws {
        let text = String(decoding: try TrainedModel(classifier: try tinyModel(), combination: learned()).encoded(), as: UTF8.self)
        func refused(_ damaged: String, _ message: String, line: UInt = #line) {
            XCTAssertThrowsError(try ModelFile.loadTrained(data: Data(damaged.utf8), path: "m.json"), line: line) {
                XCTAssertTrue("\($0)".hasPrefix("m.json: error: " + message), "\($0)", line: line)
            }
        }
        XCTAssertTrue(text.contains(#""combination_threshold":27.4"#), text)
        refused(text.replacingOccurrences(of: #""combination_threshold":27.4"#, with: #""combination_threshold":20"#), "learned settings checksum mismatch")
        refused(text.replacingOccurrences(of: #""combination_version":2"#, with: #""combination_version":9"#), "learned settings version 9 are not supported")
        refused(text.replacingOccurrences(of: #""combination_weights":"#, with: #""combination_weightz":"#), "malformed model file: missing 'combination_weights'")
        // The card is for the reader: editing it is allowed.
        let withCard = String(decoding: try TrainedModel(classifier: try tinyModel(), card: card()).encoded(), as: UTF8.self)
        XCTAssertNoThrow(try ModelFile.loadTrained(data: Data(withCard.replacingOccurrences(of: "445", with: "446").utf8), path: "m.json"))
    }

    func testConfigTextMarksLearnedValues() throws {
        let text = learned().annotate(PriorityConfig.defaultText, model: "m.json")
        XCTAssertTrue(text.contains("classifier = 0.4125   # learned (configured: 0.30)"), text)
        XCTAssertTrue(text.contains("threshold = 27.4   # learned (configured: 35)"), text)
        XCTAssertTrue(text.contains("p3_min = 27.4   # learned (configured: 75)") == false)
        XCTAssertTrue(text.contains("p3_min = 27.4   # learned (configured: 35)"), text)
        XCTAssertTrue(text.contains("\narr = 0.05 "), "a weight not learned is printed as configured")
        // What it prints is a configuration that gives the same settings.
        let config = try PriorityConfig.load(path: "printed", contents: text)
        XCTAssertEqual(config.weights[.classifier], 0.4125)
        XCTAssertEqual(config.threshold, 27.4)
        XCTAssertEqual(config.weights[.arr], 0.05)
        XCTAssertEqual(config.classifierLogOddsLow, -4.25)
        XCTAssertEqual(config.classifierLogOddsHigh, 2.5)
        XCTAssertTrue(text.contains("classifier_log_odds_low = -4.25   # learned (configured: unset)\nclassifier_log_odds_high = 2.5   # learned"), text)
    }
}
