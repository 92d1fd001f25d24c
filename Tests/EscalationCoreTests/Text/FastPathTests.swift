import EscalationCore
import Foundation
import XCTest

/// The ASCII fast path must tokenize exactly like ICU.
final class FastPathTests: XCTestCase {
    let n = Fixture.normalizer()

    func assertSame(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        let fast = n.normalize(text), icu = n.normalizeWithICUOnly(text)
        func show(_ t: NormalizedText) -> String { t.tokens.map { "\($0.text)/\($0.kind)\($0.isAllCaps ? "/CAPS" : "")" }.joined(separator: " ") }
        XCTAssert(fast == icu, "\(text.debugDescription)\n  fast: \(show(fast))\n  icu:  \(show(icu))", file: file, line: line)
    }

    func testTrickyASCII() {
        for text in ["don't", "U.S.A.", "e.g. this", "3,000.50$", "1.5k", "a1b2", "1a", "E-4012", "user_id", "_x_", "__",
                     "a:b", "1:2", "a.1", "1.a", "a'b'c", "'quoted'", "x;y", "1;2", "...", "?!?", "a--b", "(see)", "we'll",
                     "http://x.io/a?b=c", "foo@bar.com", "ABC", "I", "ID", "#1", "$5", "5%", "a_1.b", "1_000", "3.", ".5"] {
            assertSame(text)
        }
    }

    func testRandomASCII() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("aB1_:.',;!? -()\"#/@xyZ09\t".utf8)
        for _ in 0..<3000 {
            let length = Int.random(in: 1...14, using: &rng)
            let bytes = (0..<length).map { _ in alphabet.randomElement(using: &rng)! }
            assertSame(String(decoding: bytes, as: UTF8.self))
        }
    }

    /// Latin-1 letters and full-width forms also skip ICU: random mixes of them with ASCII
    /// word-break characters must still tokenize exactly as ICU does.
    func testRandomLatin1AndFullwidth() {
        n.emoticons = [":(", "xd", "é:"]
        defer { n.emoticons = [] }
        var rng = SystemRandomNumberGenerator()
        let alphabet = ["a", "Z", "1", "_", ".", "'", ",", ":", "(", "!", " ", "é", "É", "ø", "Ø", "ÿ", "ß", "×", "÷", "·",
                        "µ", "Ａ", "ｚ", "１", "！", "（", "．", "＇", "\u{3000}", "e\u{301}", "Ş", "’", "“", "”", "„", "\u{201C}\u{301}"]
        for _ in 0..<4000 {
            assertSame((0..<Int.random(in: 1...10, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }.joined())
        }
        for text in ["Björn", "ÅNGSTRÖM down", "José's", "d'Éva", "l.É", "É.l", "ÉÉ1", "1É", "2.É", "Zoë,", "ＡＳＡＰ!", "ｒｅｆｕｎｄ!",
                     "１２３４５!", "：（", "Ａé", "Straße", "Müller×2", "é:", "É:", "xé:", "naïve—", "ＯＵＴＡＧＥ\u{3000}now", "Dupré's!!", "café.Straat", "Élodie'Ö.x", "Ø.ÉclairS",
                     "“Export failed”", "“:(”", ":(”", "a.“b", "1,“2", "“É”", "don’t”", "”“", "\u{201C}\u{301}x"] {
            assertSame(text)
        }
    }

    func testMixedAndCorpus() throws {
        assertSame("ＯＵＴＡＧＥ in Straße — Café DOWN!!! don’t 😡 東京 naïve résumé")
        for file in ["Corpora/escalate.jsonl", "Corpora/calm.jsonl", "samples/tickets.jsonl", "Tests/Fixtures/sentiment_support.jsonl"] {
            for line in try String(contentsOfFile: Fixture.path(file), encoding: .utf8).split(separator: "\n") {
                if case .string(let text)? = try JSONParser.parse(String(line))["text"] { assertSame(text) }
            }
        }
    }

    /// Chunks the fast path starts on and then hands to ICU (a non-ASCII byte after ASCII words)
    /// or turns into one emoticon token must come out as if tokenized that way from the start.
    func testRewoundChunksAndEmoticons() throws {
        n.emoticons = [":(", ":-)", "<3", "xd", ":p", "o_o", "o.o", "d:"]
        defer { n.emoticons = [] }
        for text in ["sad :( today", "ok:(", ":-) thanks", "<3", "XD", "xD!", ":P", "a.b.c:(", "don't😡", "U.S.A.é",
                     "E-4012,ü", "naïve", "a_b café", "3,000€", "x ＡＳＡＰ y", "!!é", "(:(", ":( :-) <3 x", "O_O", "o.o!", "D:", "xd"] {
            assertSame(text)
        }
        let text = n.normalize("Hi :( DOWN don't")
        XCTAssertEqual(text.tokens.map(\.text), ["hi", ":(", "down", "don't"])
        XCTAssertEqual(text.tokens.map(\.kind), [.word, .emoji, .word, .word])
        XCTAssertEqual(text.tokens.map(\.isAllCaps), [false, false, true, false])
        XCTAssertEqual(text.tokens.map(\.endsInNT), [false, false, false, true])
        XCTAssertEqual((0..<text.count).map(text.text(at:)), ["hi", ":(", "down", "don't"])
        XCTAssertEqual(NormalizedText(tokens: text.tokens), text, "tokens rebuild the same text")
    }

    /// One rule for emoticons on both paths: a whole chunk between ASCII whitespace of any kind
    /// (VT and FF too, as the chunking uses), matched by its text, so a leading NUL byte is no
    /// way in (":(" and "\0:(" pack to the same integer key).
    func testEmoticonsAreWholeChunksOnBothPaths() {
        n.emoticons = [":(", "<3"]
        defer { n.emoticons = [] }
        for space in [" ", "\t", "\n", "\u{0B}", "\u{0C}", "\r"] {
            let text = "sad" + space + ":(" + space + "<3"
            assertSame(text)
            XCTAssertEqual(n.normalize(text).tokens.map(\.text), ["sad", ":(", "<3"], text.debugDescription)
        }
        for text in ["\u{0}:(", "x\u{0}<3", ":(\u{0}"] {
            assertSame(text)
            XCTAssertFalse(n.normalize(text).tokens.contains { $0.kind == .emoji }, text.debugDescription)
        }
        // Through ICU's path too: full-width and non-ASCII neighbours send these chunks there.
        XCTAssertEqual(n.normalize("：（").tokens.map(\.text), [":("])
        XCTAssertEqual(n.normalizeWithICUOnly("ok\u{0B}:(").tokens.map(\.text), ["ok", ":("])
    }

    /// After a very long text the tokenizer gives its buffers back and starts small again;
    /// texts before and after come out the same either way.
    /// Every pictograph the fast path takes, alone, repeated, with selectors, next to words and
    /// punctuation; and the skin-tone modifiers and text selector, which it leaves to ICU.
    func testEveryPictographAsICU() {
        let ranges: [ClosedRange<UInt32>] = [0x2600...0x27BF, 0x1F300...0x1F6FF, 0x1F900...0x1F9FF, 0x1FA70...0x1FAFF]
        var emoji = 0
        for range in ranges {
            for value in range {
                guard let x = Unicode.Scalar(value).map(String.init) else { continue }
                for text in [x, x + x, x + "\u{FE0F}", "a" + x, x + "b2", x + ".", x + "\u{FE0F}" + x, "“" + x + "”",
                             x + "\u{FE0E}", x + "\u{1F3FD}", ":" + x, x + "\u{200D}" + x] {
                    assertSame(text)
                }
                if !n.normalize(x).tokens.isEmpty { emoji += 1 }
            }
        }
        XCTAssertGreaterThan(emoji, 1000, "most of these are emoji tokens")
    }

    /// The normalizer refills the last text's arrays for the next one: a text still held must
    /// keep its tokens.
    func testHeldTextSurvivesTheNext() {
        let first = n.normalize("Outage again, NOTHING works!")
        let tokens = first.tokens
        let second = n.normalize("fine")
        XCTAssertEqual(first.tokens, tokens)
        XCTAssertEqual(first.exclamationMarks, 1)
        XCTAssertEqual(second.tokens.map(\.text), ["fine"])
        XCTAssertEqual(n.normalize("Outage again, NOTHING works!"), first)
    }

    func testLongTextThenShortOnes() {
        let before = n.normalize("Outage since 9:00, DON'T close this!")
        let long = n.normalize(String(repeating: "déjà vu, ＯＫ ", count: 40_000))
        XCTAssertEqual(long.count, 40_000 * 4)
        XCTAssertEqual(n.normalize("Outage since 9:00, DON'T close this!"), before)
        XCTAssertEqual(before, n.normalizeWithICUOnly("Outage since 9:00, DON'T close this!"))
    }
}
