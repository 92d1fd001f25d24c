import EscalationCore
import XCTest

final class SentimentTests: XCTestCase {
    let n = Fixture.normalizer()
    lazy var r = Fixture.resources(n)
    lazy var analyzer = SentimentAnalyzer(lexicon: r.sentiment, modifiers: r.modifiers)
    lazy var matcher = RiskMatcher(lexicon: r.risk, modifiers: r.modifiers)

    /// The same path as scoring: risk hits feed their category valence into sentiment.
    func score(_ s: String) -> Double {
        let text = n.normalize(s)
        return analyzer.compound(text, risks: matcher.hits(in: text), riskValence: r.risk.valence)
    }

    /// The breakdown names each scored word next to its valence, punctuation left out.
    func testBreakdownPairsWordsWithValences() {
        let b = analyzer.breakdown(n.normalize("Great, the API is broken again!"))
        XCTAssertEqual(b.words, ["great", "the", "api", "is", "broken", "again"])
        XCTAssertEqual(b.valences.count, b.words.count)
        XCTAssertLessThan(b.valences[4], 0, "broken")
        XCTAssertEqual(b.valences[1], 0, "the")
    }

    func testSignOfPlainText() {
        XCTAssertGreaterThan(score("The support team was great and helpful"), 0.5)
        XCTAssertLessThan(score("This is terrible and unacceptable"), -0.5)
        XCTAssertEqual(score("The invoice is attached"), 0)
    }

    func testNegationFlips() {
        XCTAssertGreaterThan(score("I am happy"), 0)
        XCTAssertLessThan(score("I am not happy"), 0)
        XCTAssertLessThan(score("I don't like it"), 0)
    }

    func testBoosterAndDampener() {
        XCTAssertGreaterThan(abs(score("extremely disappointed")), abs(score("disappointed")))
        XCTAssertLessThan(abs(score("slightly disappointed")), abs(score("disappointed")))
    }

    func testContrastWeighsTheLaterClause() {
        XCTAssertLessThan(score("The agent was nice, but the product is terrible"), score("The agent was nice and the product is terrible"))
    }

    func testCapsAndExclamationEmphasis() {
        XCTAssertLessThan(score("The app is BROKEN again"), score("The app is broken again"))
        XCTAssertLessThan(score("The app is broken!!!"), score("The app is broken"))
    }

    func testSupportDomain() {
        XCTAssertLessThan(score("Great, down again."), -0.3, "sarcasm: praise opening a complaint")
        XCTAssertGreaterThan(score("Great, it works again."), 0.3)
        XCTAssertEqual(score("How do I cancel one seat?"), 0, "informational question, harmless mention")
        XCTAssertLessThan(score("Why is the site down again?"), 0, "a why-question is a complaint")
        XCTAssertGreaterThan(score("We are not cancelling, we love the product."), 0, "negation stops at the comma")
        XCTAssertLessThan(score("Nuestro sistema está caído."), 0, "risk terms carry sentiment in any language")
    }

    func testSupportPhrasesAndEmoji() {
        XCTAssertLessThan(score("still waiting for an answer"), -0.3)
        XCTAssertGreaterThan(score("thanks for the quick fix, it works now"), 0.5)
        XCTAssertLessThan(score("the dashboard 😡"), 0)
    }

    /// Phrases are tried only at words that may start one: by its first word, by a stem of it
    /// (a known word or one the vocabulary lacks), or by any choice of a first `anyOf`.
    func testPhrasesStartingWithStemsAndChoices() {
        var lexicon = SentimentLexicon()
        lexicon.phrases.insert([.prefix("cancel"), .exact("again")], -2)
        lexicon.phrases.insert([.anyOf([.exact("totally"), .prefix("complet")]), .exact("useless")], -3)
        lexicon.phrases.insert([.exact("works"), .exact("now")], 2)
        let phrases = SentimentAnalyzer(lexicon: lexicon, modifiers: r.modifiers)
        func score(_ s: String) -> Double { phrases.compound(n.normalize(s)) }
        XCTAssertLessThan(score("the meeting was cancelled again"), 0)
        XCTAssertLessThan(score("the meeting was cancelllled again"), 0, "a word the vocabulary lacks, by its stem")
        XCTAssertLessThan(score("the export is totally useless"), 0)
        XCTAssertLessThan(score("the export is completely useless"), 0)
        XCTAssertGreaterThan(score("the export works now"), 0)
        XCTAssertEqual(score("the meeting was cancelled, the export is useless"), 0)
    }

    /// `questionMask` marks each sentence that ends in "?" and opens with an opener, whole; the
    /// scan for sentence ends skips flags eight at a time, so long sentences are included.
    func testQuestionMaskMarksWholeInformationalQuestions() {
        let expected: [(String, String)] = [
            ("How do I cancel one seat?", "how do i cancel one seat ?"),
            ("Why is the site down again?", ""),
            ("Hi. Can you help? It broke. Is it down?", "can you help ? is it down ?"),
            ("How", ""), ("?", ""),
            ("Is the SLA timer paused? thanks", "is the sla timer paused ?"),
            ("We tried one two three four five six seven eight nine times. How do I export all of the data from the dashboard?",
             "how do i export all of the data from the dashboard ?"),
            ("How do I export all of the data from the dashboard and the reports and the invoices at once", ""),
        ]
        for (s, marked) in expected {
            let text = n.normalize(s)
            let mask = analyzer.questionMask(analyzer.vocabulary.encode(text))
            XCTAssertEqual((0..<text.count).filter { mask[$0] }.map(text.text(at:)).joined(separator: " "), marked, s)
            // The same with the opener test by string, as risk matching asks it.
            XCTAssertEqual(text.informationalQuestionMask { r.modifiers.questionOpeners.contains(text.text(at: $0)) }, mask, s)
        }
    }

    func testCompoundStaysInRange() {
        let long = String(repeating: "horrible awful terrible unacceptable!!! ", count: 200)
        XCTAssertGreaterThanOrEqual(score(long), -1)
        XCTAssertEqual(SentimentAnalyzer.normalize(1e9), 1, accuracy: 1e-6)
    }
}
