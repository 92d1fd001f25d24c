import EscalationCore
import XCTest

final class NormalizerTests: XCTestCase {
    let n = Fixture.normalizer()

    func testFullwidthAccentsAndSharpSAreFolded() {
        XCTAssertEqual(n.normalize("ＯＵＴＡＧＥ in Straße — Café DOWN!!!").words, ["outage", "in", "strasse", "café", "down"])
    }

    func testAllCapsAndExclamationsAreKept() {
        let text = n.normalize("The site is DOWN!!! I can't work")
        XCTAssertEqual(text.exclamationMarks, 3)
        XCTAssertEqual(text.tokens.first { $0.text == "down" }?.isAllCaps, true)
        XCTAssertEqual(text.tokens.first { $0.text == "i" }?.isAllCaps, false, "a single capital is not shouting")
        XCTAssertTrue(text.words.contains("can't"), "ICU keeps contractions whole")
    }

    func testCurlyApostropheMatchesStraightOne() {
        XCTAssertEqual(n.normalize("We don’t renew").words, ["we", "don't", "renew"])
    }

    func testEmojiBecomeTokens() {
        let text = n.normalize("Broken again 😡 👍️")
        let emoji = text.tokens.filter { $0.kind == .emoji }.map(\.text)
        XCTAssertEqual(emoji, ["😡", "👍"], "variation selector dropped")
    }

    func testCJKDoesNotVanish() {
        let words = n.normalize("東京のサーバーが落ちた").words
        XCTAssertFalse(words.isEmpty)
        XCTAssertEqual(words.joined(), "東京のサーバーが落ちた")
    }

    func testRememberedICUChunksGiveWhatAFreshNormalizerGives() throws {
        // The ICU path replays a chunk it has seen: the tokens, their offsets wherever the chunk
        // now stands, and its ! and ? counts must be what reading it anew gives.
        let texts = ["Ştefan wrote: データが消えました。 ﬁle. 장애가 계속됩니다!! ok",
                     "ok 장애가 Ştefan?? データが消えました。 ﬁle. ＡＳＡＰ Łukasz!",
                     "계속됩니다!! Łukasz ﬁle. データが消えました。 Ştefan wrote:"]
        let warm = try Normalizer()
        for text in texts + texts.reversed() + texts {
            let fresh = try Normalizer()
            let expected = fresh.normalize(text)
            XCTAssertEqual(warm.normalize(text), expected, text)
            XCTAssertEqual(warm.normalize(text).tokens, expected.tokens, text)
        }
        // With a vocabulary, the remembered tokens carry the ids `encode` would look up.
        let vocabulary = Fixture.escalator().vocabulary
        for text in texts + texts {
            let fresh = try Normalizer()
            XCTAssertEqual(vocabulary.encode(warm.normalize(text, vocabulary: vocabulary)).ids,
                           vocabulary.encode(fresh.normalize(text)).ids, text)
        }
    }

    func testChunkMemoryStartsOverWhenFull() throws {
        // More distinct ICU chunks than are kept, twice: the second pass reads some anew after the
        // cache started over and replays others; both must be what a fresh normalizer gives.
        let text = (0..<(Normalizer.maxCachedChunks + 100)).map { "Łukasz\($0)!" }.joined(separator: " ")
        let warm = try Normalizer()
        let expected = try Normalizer().normalize(text)
        XCTAssertEqual(warm.normalize(text), expected)
        XCTAssertLessThanOrEqual(warm.rememberedChunks, Normalizer.maxCachedChunks)
        XCTAssertGreaterThan(warm.rememberedChunks, 0)
        XCTAssertEqual(warm.normalize(text), expected)
    }

    func testEmptyAndPunctuationOnly() {
        XCTAssertEqual(n.normalize("").tokens, [])
        XCTAssertEqual(n.normalize("?!").words, [])
        XCTAssertEqual(n.normalize("?!").questionMarks, 1)
    }

    func testFoldIsNFKCCasefold() {
        XCTAssertEqual(n.fold("ＳＬＡ Ⅳ ﬁle"), "sla iv file")
    }
}
