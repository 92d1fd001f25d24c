@testable import EscalationCore
import XCTest

/// Detection on its own, over small function-word lists: which language wins, when a second
/// one joins, and what scripts decide.
final class LanguageDetectorTests: XCTestCase {
    let normalizer = Fixture.normalizer()
    let words: [(Language, Set<String>)] = [
        (.en, ["the", "and", "our", "with", "is"]),
        (.de, ["der", "die", "und", "nicht", "unser", "ist"]),
        (.fr, ["le", "les", "et", "nous", "est", "pas"]),
    ]

    func detect(_ text: String) -> DetectedLanguage {
        var builder = Vocabulary.Builder()
        for (_, set) in words { builder.add(set.sorted()) }
        let vocabulary = builder.build()
        let detector = LanguageDetector(functionWords: words, vocabulary: vocabulary)
        return detector.detect(vocabulary.encode(normalizer.normalize(text, vocabulary: vocabulary)))
    }

    func testMostFunctionWordsWin() {
        XCTAssertEqual(detect("Unser System ist nicht erreichbar und die Kunden warten").code, "de")
        XCTAssertEqual(detect("Unser System ist nicht erreichbar und die Kunden warten").lexicons, LanguageSet(.de))
        XCTAssertEqual(detect("The export is broken and our team is blocked").code, "en")
        XCTAssertEqual(detect("Nous ne pouvons pas exporter les factures et le client est bloqué").code, "fr")
    }

    func testASecondLanguageJoinsOnlyWithEnoughWords() {
        // One English word in a German ticket does not switch English on...
        let german = detect("Der Export ist nicht fertig und die Daten fehlen, the end")
        XCTAssertEqual(german.lexicons, LanguageSet(.de))
        // ...a bilingual ticket gets both, the one with more function words first.
        let both = detect("Der Export ist nicht fertig und die Daten fehlen. The export is broken and our team waits")
        XCTAssertEqual(both.primary, .de)
        XCTAssertEqual(both.lexicons, [LanguageSet(.de), LanguageSet(.en)])
    }

    /// Capitals are codes and shouts in a mixed-case text ("DEN" an airport, "HA" a laugh), but
    /// the language itself in a text written all in capitals.
    func testFunctionWordsInCapitalsCountOnlyInShoutedText() {
        XCTAssertEqual(detect("Flight to DIE delayed, will miss my connection").code, "und")
        XCTAssertEqual(detect("Flight to die delayed, will miss my connection").code, "de")
        XCTAssertEqual(detect("I LOVE THIS BAND SO MUCH I COULD DIE").code, "de", "mostly capitals: capitals count")
        XCTAssertEqual(detect("UNSER SYSTEM IST NICHT ERREICHBAR UND DIE KUNDEN WARTEN").code, "de")
        XCTAssertEqual(detect("Unser System IST nicht erreichbar").code, "de")
    }

    /// A second language needs two different function words: one repeated ("den, then den",
    /// "ha ha", "Ya Ya") is a name or a laugh in an English text.
    func testASecondLanguageNeedsTwoDifferentWords() {
        XCTAssertEqual(detect("The flight from die to die and our bags").lexicons, LanguageSet(.en))
        XCTAssertEqual(detect("The export and our team: der Export und die Daten").lexicons, [LanguageSet(.en), LanguageSet(.de)])
    }

    /// The built-in English list has the short words of English tweets that no other language of
    /// ours uses ("my", "at", "that's"): one Spanish- or Italian-looking word no longer outweighs
    /// them, while a German ticket naming its IT team stays German.
    func testBuiltInListsKeepShortEnglishTextsEnglish() {
        let escalator = Fixture.escalator()
        func code(_ text: String) -> String {
            let vocabulary = escalator.vocabulary
            return escalator.languageDetector.detect(vocabulary.encode(escalator.normalizer.normalize(text, vocabulary: vocabulary))).code
        }
        XCTAssertEqual(code("More like BaeJet Airways, amirite? Right back at ya!"), "en")
        XCTAssertEqual(code("output through component connections looks very good, on my non-hd tv."), "en")
        XCTAssertEqual(code("@united I guess that's too much ask, huh?"), "en")
        XCTAssertEqual(code("Unser IT-Team kann sich seit heute Morgen nicht anmelden"), "de")
        XCTAssertEqual(code("Non riusciamo ad accedere al nostro account"), "it")
    }

    func testNoFunctionWordReadsWithEnglish() {
        let d = detect("Outage!!! 503")
        XCTAssertEqual(d.code, "und")
        XCTAssertEqual(d.primary, .en)
        XCTAssertEqual(d.lexicons, .english)
    }

    func testScriptsWeHaveNoLexiconForReadWithEnglish() {
        XCTAssertEqual(detect("東京のサーバーが落ちています").code, "ja")
        XCTAssertEqual(detect("서버가 다운되었습니다").code, "ko")
        XCTAssertEqual(detect("服务器宕机了").code, "zh")
        XCTAssertEqual(detect("Ο διακομιστής δεν λειτουργεί").code, "el")
        XCTAssertEqual(detect("Сервер не работает уже час").code, "und")
        XCTAssertEqual(detect("Сервер не работает уже час").lexicons, .english)
        // A product name in Latin letters does not outvote the script.
        XCTAssertEqual(detect("Salesforce の同期が止まっています").code, "ja")
    }

    func testAccentedLatinIsLatin() {
        XCTAssertEqual(detect("Les données clients sont supprimées et nous est pas là").code, "fr")
    }
}
