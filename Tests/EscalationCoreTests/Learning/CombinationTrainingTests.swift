import EscalationCore
import Foundation
import XCTest

final class CombinationTrainingTests: XCTestCase {
    func data() throws -> (tickets: [Ticket], labels: [Bool]) {
        let examples = try LabeledFile.readDirectory(Fixture.path("Corpora"))
        return (examples.enumerated().map { Ticket(id: String($0.offset), text: $0.element.text) }, examples.map(\.escalate))
    }

    func train(_ tickets: [Ticket], _ labels: [Bool], _ n: Normalizer, _ r: Resources) -> CombinationTraining.Result {
        CombinationTraining.train(tickets: tickets, labels: labels, resources: r, normalizer: n, base: .default,
                                  trainer: ClassifierKinds.defaultTrainer(), options: .init(folds: 5, description: "test"))
    }

    /// The same data give the same learned settings and figures, bit for bit.
    func testTrainingIsDeterministic() throws {
        let (tickets, labels) = try data()
        let n = Fixture.normalizer(), r = Fixture.resources(n)
        let a = train(tickets, labels, n, r), b = train(tickets, labels, n, r)
        XCTAssertNotNil(a.model.combination)
        XCTAssertEqual(a.model.combination, b.model.combination)
        XCTAssertEqual(a.model.card?.metrics.map(\.value), b.model.card?.metrics.map(\.value))
        XCTAssertEqual(a.model.card?.folds, 5)
        XCTAssertNotNil(a.model.card?.metric("priority_learned_roc_auc"))
    }

    /// Out-of-fold probabilities keep the classifier's weight honest: learned from the final
    /// classifier's probabilities on its own training tickets (nearly perfect there), the
    /// classifier takes more of the weight than from probabilities it gave tickets it never saw.
    func testOutOfFoldProbabilitiesDoNotInflateTheClassifiersWeight() throws {
        let (tickets, labels) = try data()
        let n = Fixture.normalizer(), r = Fixture.resources(n)
        let result = train(tickets, labels, n, r)
        let outOfFold = try XCTUnwrap(result.model.combination?.weights.first { $0.key == "classifier" }?.weight)
        let escalator = Escalator(resources: r, classifier: result.model.classifier, config: .default, normalizer: n)
        let inSample = zip(tickets, labels).map { CombinationRow(evidence: escalator.evidence(for: $0), label: $1) }
        let fitted = try XCTUnwrap(CombinationLearner.fit(inSample, base: .default))
        let inflated = try XCTUnwrap(fitted.weights.first { $0.key == "classifier" }?.weight)
        XCTAssertGreaterThan(inflated, outOfFold + 0.05, "in-sample \(inflated), out of fold \(outOfFold)")
    }

    /// The kept classifier is the one `Training.train` gives (the tokens scoring reads, marks
    /// included for the linear classifier); the out-of-fold ones use the settings chosen on all
    /// the tickets: each is the classifier trained on its fold's tickets with those settings.
    func testTheClassifiersReadWhatScoringReads() throws {
        let (tickets, labels) = try data()
        let n = Fixture.normalizer(), r = Fixture.resources(n)
        let trainer = ClassifierKinds.defaultTrainer()
        let kept = train(tickets, labels, n, r).model.classifier
        let direct = Training.train(zip(tickets, labels).map { ($0.text, $1) }, normalizer: n, trainer: trainer)
        for text in ["The site is down again!", "thanks :)", "is it down?", "refund now!!!"] {
            let tokens = kept.tokens(of: n.normalize(text))
            XCTAssertEqual(kept.logOdds(words: tokens), direct.logOdds(words: tokens), text)
        }
        let settings = try XCTUnwrap(kept as? LinearText).info
        let documents = tickets.map { n.normalize($0.text).wordsAndMarks }
        let fold = Folds.stratified(labels: labels, k: 5)
        let inside = tickets.indices.filter { fold[$0] != 2 }
        let outOfFold = trainer.train(documents, labels: labels, andOn: [inside]).subsets[0]
        var fixed = LinearTextConfiguration()
        (fixed.c, fixed.charWeight, fixed.folds) = (settings.c, settings.charWeight, 1)
        let alone = LinearTextTrainer(configuration: fixed).train(inside.map { documents[$0] }, labels: inside.map { labels[$0] })
        for text in ["The site is down again!", "thanks :)"] {
            let tokens = kept.tokens(of: n.normalize(text))
            XCTAssertEqual(outOfFold.logOdds(words: tokens), alone.logOdds(words: tokens), accuracy: 1e-6, text)
        }
    }

    func testTooFewOfAClassLearnsNothing() throws {
        let n = Fixture.normalizer(), r = Fixture.resources(n)
        let tickets = ["site down", "thanks", "all good", "fine"].map { Ticket(id: $0, text: $0) }
        let result = train(tickets, [true, false, false, false], n, r)
        XCTAssertNil(result.model.combination)
        XCTAssertEqual(result.model.card?.folds, 0)
        XCTAssertTrue(result.note?.contains("too few tickets of one class (1)") == true, "\(result.note ?? "nil")")
    }
}
