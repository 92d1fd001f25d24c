@testable import EscalationCore
import Foundation
import XCTest

/// Escalators of one run share other languages' stages (`LanguageShare`): built once, used by
/// every scoring thread, with the same results as an escalator building its own.
final class LanguageShareTests: XCTestCase {
    let texts = [
        "Seit heute Morgen ist unser Produktivsystem komplett ausgefallen. Wenn das nicht bis heute Abend behoben ist, kündigen wir den Vertrag.",
        "Toutes nos factures ont disparu et nous allons contacter notre avocat si rien ne change aujourd'hui.",
        "Non riusciamo ad accedere al nostro account da stamattina e tutti i nostri clienti sono bloccati.",
        "Sinds vanochtend kunnen al onze medewerkers niet meer inloggen, dit is echt dringend.",
        "Der Export ist nicht fertig und die Daten fehlen. The export is broken and our team waits.",
    ]

    static func summary(_ a: Assessment) -> String {
        "\(a.priority) \(a.escalate) \(a.language) \(a.sentiment) \(a.risks.map(\.category)) \(a.impact) \(a.urgency)"
    }

    func testSharedStagesScoreLikeOwnOnesAcrossThreads() throws {
        let n = Fixture.normalizer()
        let model = Training.train(try LabeledFile.readDirectory(Fixture.path("Corpora")), normalizer: n, trainer: ClassifierKinds.startupTrainer())
        func escalator(_ share: LanguageShare) -> Escalator {
            let normalizer = Fixture.normalizer()
            return Escalator(resources: Fixture.resources(normalizer), classifier: model, config: .default, normalizer: normalizer, languages: share)
        }
        let alone = escalator(LanguageShare())
        let expected = texts.enumerated().map { Self.summary(alone.assess(Ticket(id: "\($0.offset)", text: $0.element))) }
        XCTAssertEqual(Set(expected.map { $0.split(separator: " ")[2] }), ["de", "fr", "it", "nl"])

        let share = LanguageShare()
        let escalators = Unchecked([escalator(share), escalator(share)])
        let (texts, results) = (self.texts, ThreadResults(count: 2 * texts.count))
        DispatchQueue.concurrentPerform(iterations: 2) { thread in
            for (k, text) in texts.enumerated() {
                results.set(thread * texts.count + k, Self.summary(escalators.value[thread].assess(Ticket(id: "\(k)", text: text))))
            }
        }
        XCTAssertEqual(results.values, expected + expected)
    }

    func testOneSetIsBuiltOnceForEveryStore() {
        let share = LanguageShare()
        let german = DetectedLanguage(code: "de", lexicons: LanguageSet(.de), primary: .de)
        let english = Fixture.resources(Fixture.normalizer()).english
        let first = share.stages(1, for: german, englishLexicon: english, store: Fixture.resources(Fixture.normalizer()).languages)
        let second = share.stages(1, for: german, englishLexicon: english, store: Fixture.resources(Fixture.normalizer()).languages)
        XCTAssertNotNil(first)
        XCTAssertTrue(first === second)
        XCTAssertTrue(first?.impact === second?.impact, "impact is built once too")
    }
}

/// Results written by several threads, one slot each.
private final class ThreadResults: @unchecked Sendable {
    private var slots: [String]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: "", count: count) }
    func set(_ k: Int, _ value: String) { lock.lock(); slots[k] = value; lock.unlock() }
    var values: [String] { lock.lock(); defer { lock.unlock() }; return slots }
}

/// Each thread uses only its own escalator.
private struct Unchecked<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
