import EscalationCore
import Foundation
import XCTest

/// The rules of the `Classifier` seam (docs/architecture.md, "Adding a classifier").
final class ClassifierSeamTests: XCTestCase {
    /// A model file is one JSON object: every classifier's member keys are its own, distinct from
    /// the header's, and two kinds sharing a key store the same kind of value under it.
    func testRegisteredClassifiersHaveDistinctFormatsAndMembers() {
        func members<C: Classifier>(_ kind: C.Type) -> [(String, ModelValue.Kind)] { C.Section.members.map { ($0.key, $0.kind) } }
        let header = [ModelFile.formatKey, ModelFile.versionKey, ModelFile.checksumKey]
        var kindOfKey: [String: ModelValue.Kind] = [:]
        XCTAssertEqual(Set(ClassifierKinds.all.map { $0.formatName }).count, ClassifierKinds.all.count, "one format name each")
        for kind in ClassifierKinds.all {
            XCTAssertTrue(kind.formatName.hasPrefix("escalate-"), kind.formatName)
            let own = members(kind)
            XCTAssertEqual(Set(own.map(\.0)).count, own.count, "\(kind.formatName): a key twice")
            for (key, valueKind) in own {
                XCTAssertFalse(header.contains(key), "\(kind.formatName) uses the header's '\(key)'")
                XCTAssertEqual(kindOfKey[key, default: valueKind], valueKind, "'\(key)' has two kinds")
                kindOfKey[key] = valueKind
            }
        }
    }

    /// Only Classifier/ knows the implementations; the rest of escalate goes through the seam.
    func testOnlyClassifierFolderNamesAnImplementation() throws {
        let sources = Fixture.path("Sources")
        let names = ["NaiveBayes"]
        let files = FileManager.default.enumerator(atPath: sources)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        XCTAssertGreaterThan(files.count, 50)
        for file in files where !file.hasPrefix("EscalationCore/Classifier/") {
            let text = try String(contentsOfFile: sources + "/" + file, encoding: .utf8)
            for name in names { XCTAssertFalse(text.contains(name), "\(file) names \(name)") }
        }
    }

    /// `explain`'s trace is `assess` step by step: the same assessment, and the classifier's
    /// packed scorer (built against the escalator's vocabulary) agrees with its word-level reference.
    func testTraceIsWhatAssessDoes() throws {
        let escalator = Fixture.escalator()
        let examples = try LabeledFile.read(path: Fixture.path("samples/tickets.jsonl"))
        XCTAssertGreaterThan(examples.count, 20)
        for (text, _) in examples + [("", false), ("Is the SLA timer paused? We are NOT cancelling :)", false)] {
            let ticket = Ticket(id: "t", text: text)
            let assessed = escalator.assess(ticket), trace = escalator.trace(ticket)
            XCTAssertEqual(trace.assessment.priority, assessed.priority, text)
            XCTAssertEqual(trace.assessment.reasons, assessed.reasons, text)
            XCTAssertEqual(trace.assessment.sentiment, assessed.sentiment, text)
            XCTAssertEqual(trace.sentiment.compound, assessed.sentiment, text)
            XCTAssertEqual(trace.evidence.probability, assessed.probability, text)
            XCTAssertEqual(trace.evidence.risks.filter(\.counts).map(\.category), assessed.risks.flatMap { r in r.terms.map { _ in r.category } }, text)
            XCTAssertEqual(trace.tokens, escalator.normalizer.normalize(text), text)
            XCTAssertEqual(assessed.probability, escalator.classifier.probability(words: escalator.classifier.tokens(of: trace.tokens)), accuracy: 1e-9, text)
        }
    }
}
