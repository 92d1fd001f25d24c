import EscalationCore
import Foundation
import XCTest

/// The linear text classifier: it learns, its training ignores input order, its packed scorer
/// is its formula, and its model file round-trips.
final class LinearTextTests: XCTestCase {
    /// Two kinds of tickets with no word in common, plus one shared word.
    func toySet() -> (documents: [[String]], labels: [Bool]) {
        let hot = [["site", "down", "outage", "please"], ["outage", "again", "site", "broken"], ["down", "broken", "urgent", "please"],
                   ["urgent", "outage", "refund"], ["broken", "down", "again"], ["site", "outage", "urgent"]]
        let calm = [["thanks", "great", "please"], ["question", "about", "invoice"], ["thanks", "question", "great"],
                    ["invoice", "about", "thanks"], ["great", "product", "thanks"], ["question", "product", "about"]]
        return (hot + calm, hot.map { _ in true } + calm.map { _ in false })
    }

    func trainer(folds: Int = 3) -> LinearTextTrainer {
        var configuration = LinearTextConfiguration()
        configuration.folds = folds
        configuration.minDocuments = 1  // a toy set: every word counts
        return LinearTextTrainer(configuration: configuration)
    }

    func testLearnsASeparableSet() {
        let (documents, labels) = toySet()
        let model = trainer().fit(documents, labels: labels)
        for (words, label) in zip(documents, labels) {
            XCTAssertEqual(model.probability(words: words) > 0.5, label, "\(words)")
        }
        XCTAssertGreaterThan(model.probability(words: ["outage", "broken"]), 0.6)
        XCTAssertLessThan(model.probability(words: ["thanks", "invoice"]), 0.4)
        // Unseen words still share character n-grams with seen ones ("outages" with "outage").
        XCTAssertGreaterThan(model.probability(words: ["outages"]), model.probability(words: ["thankful"]))
        XCTAssertEqual(model.info.folds, 3)
        XCTAssertEqual(model.info.rocAUC, 1, accuracy: 1e-12, "separable: every internal fold ranks perfectly")
        XCTAssertTrue(LinearTextConfiguration().cs.contains(model.info.c))
        // The default configuration keeps features seen once when there are few documents.
        let byDefault = LinearTextTrainer().fit(documents, labels: labels)
        XCTAssertTrue(byDefault.features.contains("refund"), "in one document only")
        XCTAssertGreaterThan(byDefault.probability(words: ["outage", "broken"]), byDefault.probability(words: ["thanks", "invoice"]))
    }

    /// Shuffled input trains the very same model, byte for byte.
    func testTrainingIgnoresInputOrder() throws {
        let (documents, labels) = toySet()
        var rng = SeededGenerator(seed: 22)
        let order = documents.indices.shuffled(using: &rng)
        XCTAssertNotEqual(order, Array(documents.indices))
        let a = trainer().fit(documents, labels: labels)
        let b = trainer().fit(order.map { documents[$0] }, labels: order.map { labels[$0] })
        XCTAssertEqual(try ModelFile.encoded(a), try ModelFile.encoded(b))
    }

    func testModelFileRoundTrips() throws {
        let (documents, labels) = toySet()
        let model = trainer().fit(documents, labels: labels)
        let data = try ModelFile.encoded(model)
        let loaded = try ModelFile.load(data: data, path: "m.json")
        let same = try XCTUnwrap(loaded as? LinearText)
        XCTAssertEqual(try ModelFile.encoded(same), data)
        XCTAssertEqual(same.info, model.info)
        for words in documents + [["outages", "thankful", "site", "site", "site"]] {
            XCTAssertEqual(same.logOdds(words: words), model.logOdds(words: words))
        }
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertTrue(text.contains(#""format":"escalate-linear-text""#), text)
        XCTAssertTrue(text.contains(#""version":1"#), text)
        // A changed weight is caught by the checksum.
        let first = try XCTUnwrap(model.featureWeights.first)
        let edited = text.replacingOccurrences(of: #""word_weights":[\#(first)"#, with: #""word_weights":[\#(first + 1)"#)
        XCTAssertNotEqual(edited, text)
        XCTAssertThrowsError(try ModelFile.load(data: Data(edited.utf8), path: "m.json")) {
            XCTAssertTrue("\($0)".contains("checksum mismatch"), "\($0)")
        }
    }

    /// The sublinear weights: c occurrences of a word count 1 + ln c.
    func testDamping() throws {
        let (documents, labels) = toySet()
        let model = trainer(folds: 1).fit(documents, labels: labels)
        let once = model.logOdds(words: ["urgent"]) - model.intercept
        // One word alone: each block's sum and squared norm both grow by 1 + ln 3, so the
        // score by √(1 + ln 3) (no "urgent urgent" pair was trained).
        XCTAssertEqual(model.logOdds(words: ["urgent", "urgent", "urgent"]) - model.intercept, once * (1 + log(3.0)).squareRoot(), accuracy: 1e-12)
        XCTAssertNotEqual(model.logOdds(words: ["urgent", "urgent", "thanks"]), model.logOdds(words: ["urgent", "thanks"]))
    }

    func testCharGrams() {
        let grams = CharGrams(minN: 2, maxN: 5, bits: 18)
        var buckets: [Int] = []
        grams.forEachBucket("abc") { buckets.append($0) }
        // " abc " has 4 bigrams, 3 trigrams, 2 four-grams, 1 five-gram.
        XCTAssertEqual(buckets.count, 10)
        XCTAssertTrue(buckets.allSatisfy { (0..<grams.bucketCount).contains($0) })
        var again: [Int] = []
        grams.forEachBucket("abc") { again.append($0) }
        XCTAssertEqual(buckets, again)
        var other: [Int] = []
        grams.forEachBucket("abd") { other.append($0) }
        XCTAssertNotEqual(Set(buckets), Set(other))
        XCTAssertFalse(Set(buckets).isDisjoint(with: other), "\" ab\" is shared")
    }

    /// The packed scorer, built against an escalator's vocabulary (lexicon words the model does
    /// not know, unknown words, repeats, bigrams), equals the formula on the words.
    func testScorerEqualsReference() throws {
        let n = Fixture.normalizer()
        let examples = try LabeledFile.readDirectory(Fixture.path("Corpora"))
        let model = LinearTextTrainer().fit(examples.map { n.normalize($0.text).wordsAndMarks }, labels: examples.map(\.escalate))
        let escalator = Escalator(resources: Fixture.resources(n), classifier: model, config: .default, normalizer: n)
        var texts = examples.map(\.text)
        texts += ["", "down down down the site is down DOWN!!", "Zxqwv zxqwv grmbl outage outage", "日本語のテキスト 障害 障害",
                  "refund refund refund, I want a refund now", "Thanks!!! :( why?? ok. fine; see: 。 ¿qué?"]
        for text in texts {
            let words = n.normalize(text).wordsAndMarks
            let p = escalator.assess(Ticket(id: "t", text: text)).probability
            XCTAssertEqual(p, model.probability(words: words), accuracy: 1e-12, text)
        }
    }

    /// Model files written before this classifier existed still load, as what they were.
    func testNaiveBayesFilesStillLoad() throws {
        let old = #"{"alpha":0.5,"checksum":"5485519cb80031e2","documents_per_class":[1,1],"feature_counts":[[0,1],[1,0]],"#
            + #""features":["down","thanks"],"fit_prior":true,"format":"escalate-naive-bayes","ngram_max":2,"trained_on":2,"version":2}"#
        let loaded = try ModelFile.load(data: Data(old.utf8), path: "old.json")
        XCTAssertTrue(loaded is NaiveBayes)
        XCTAssertGreaterThan(loaded.probability(words: ["down"]), 0.5)
    }
}
