@testable import EscalationCore
import Foundation
import XCTest

/// The id-based scoring path: tables, the vocabulary, and agreement with standalone stages.
final class VocabularyTests: XCTestCase {
    func testWordTableAgreesWithDictionary() {
        var rng = SystemRandomNumberGenerator()
        var table = WordTable<Int>(), reference: [String: Int] = [:]
        for k in 0..<20_000 {
            let word = String((0..<Int.random(in: 0...20, using: &rng)).map { _ in "abcdé 'x".randomElement(using: &rng)! })
            table[word] = k
            reference[word] = k
        }
        XCTAssertEqual(table.count, reference.count)
        for (word, value) in reference { XCTAssertEqual(table[word], value, word) }
        XCTAssertNil(table["not there at all, too long"])
        XCTAssertEqual(Set(table.keys), Set(reference.keys))
    }

    func testBuilderKeepsFirstOccurrenceOrder() {
        var rng = SeededGenerator(seed: 21)
        var builder = Vocabulary.Builder(), seen = Set<String>(), reference: [String] = []
        for _ in 0..<5_000 {
            let word = String((0..<Int.random(in: 0...12, using: &rng)).map { _ in "abcdé ü'x".randomElement(using: &rng)! })
            builder.add(word)
            if seen.insert(word).inserted { reference.append(word) }
        }
        XCTAssertGreaterThan(reference.count, 1_000)  // past several growths of the table
        let vocabulary = builder.build()  // no stems: ids follow the order words were first added
        XCTAssertEqual(vocabulary.words, reference)
        for (id, word) in reference.enumerated() { XCTAssertEqual(vocabulary.id(of: word), Int32(id)) }
    }

    func testWordTableInsertNewAndByteLookup() {
        var table = WordTable<Int32>()
        XCTAssertTrue(table.insertNew("cancel", 1))
        XCTAssertFalse(table.insertNew("cancel", 2))
        XCTAssertTrue(table.insertNew("cancel it", 3))
        XCTAssertEqual(table["cancel"], 1)
        for (word, value) in [("cancel", Int32(1)), ("cancel it", 3)] {
            var word = word
            XCTAssertEqual(word.withUTF8 { table[utf8: $0] }, value)
        }
        var absent = "cancel i"
        XCTAssertNil(absent.withUTF8 { table[utf8: $0] })
    }

    /// The tokenizer hashes words from its fold buffer, eight bytes at a time and reading past
    /// their end; that must be the hash the table was built with, whatever the length and bytes
    /// that follow.
    func testHashesOfAWordAgree() {
        var rng = SeededGenerator(seed: 5)
        for _ in 0..<5000 {
            let length = Int.random(in: 0...40, using: &rng)
            let buffer = (0..<length + 8).map { _ in UInt8.random(in: 0...255, using: &rng) }
            buffer.withUnsafeBufferPointer { b in
                let word = UnsafeBufferPointer(rebasing: b[0..<length])
                let expected = ByteTable.hash(word)
                XCTAssertEqual(ByteTable.hash(reading8: b.baseAddress!, length: length), expected)
                if length <= 8 { XCTAssertEqual(ByteTable.hash(packed: ByteTable.packed(word), length: length), expected) }
            }
        }
        func hash(_ s: String) -> UInt64 { Array(s.utf8).withUnsafeBufferPointer(ByteTable.hash) }
        XCTAssertNotEqual(hash("ab"), hash("ba"))
        XCTAssertNotEqual(hash("abcdefgh1"), hash("abcdefgh2"))
    }

    func testPairTableAgreesWithDictionary() {
        var table = PairTable(), reference: [[Int32]: Double] = [:]
        for k in 0..<50_000 {
            let a = Int32.random(in: 0..<3000), b = Int32.random(in: 0..<3000)
            table.insert(a, b, Double(k) - 0.5)
            reference[[a, b]] = Double(k) - 0.5
        }
        XCTAssertEqual(table.count, reference.count)
        for (key, value) in reference { XCTAssertEqual(table[key[0], key[1]], value) }
        XCTAssertNil(table[3001, 0])
    }

    /// Phrases by first word, with gaps, stems and choices; the longest match wins.
    func testPhraseIndexMatchesGapsStemsAndChoices() {
        var phrases = PhraseMatcher<String>()
        phrases.insert([.gap(2), .exact("down")], "lead gap")
        phrases.insert([.exact("we"), .exact("will"), .prefix("cancel")], "stem")
        phrases.insert([.exact("we"), .gap(1), .exact("leave")], "inner gap")
        phrases.insert([.exact("we"), .anyOf([.exact("may"), .exact("might")]), .exact("sue")], "choice")
        var builder = Vocabulary.Builder()
        phrases.register(into: &builder)
        let vocabulary = builder.build()
        let index = phrases.index(vocabulary)
        func matches(_ words: [String]) -> [String] {
            let encoded = vocabulary.encode(NormalizedText(tokens: words.map { Token($0) }))
            let view = WordView(encoded, tokens: Array(words.indices))
            return words.indices.compactMap { index.longest(in: view, at: $0).map { "\($0.start):\($0.length):\(index.payload($0.entry))" } }
        }
        XCTAssertEqual(matches(["site", "is", "down"]), ["0:3:lead gap", "1:2:lead gap", "2:1:lead gap"])
        XCTAssertEqual(matches(["we", "will", "cancelling"]), ["0:3:stem"])
        XCTAssertEqual(matches(["we", "then", "leave"]), ["0:3:inner gap"])
        XCTAssertEqual(matches(["we", "leave"]), ["0:2:inner gap"])
        XCTAssertEqual(matches(["we", "might", "sue"]), ["0:3:choice"])
        XCTAssertEqual(matches(["we", "will", "sue"]), [])
    }

    /// Positions are ruled out by what the entries starting there need next (second-element
    /// signatures, a known word's stems folded in). The same entries plus one with a leading gap
    /// (which turns that filter off) must give the same matches on any words.
    func testPhraseIndexFilterLosesNoMatch() {
        var phrases = PhraseMatcher<String>()
        phrases.insert([.prefix("cancel"), .exact("my"), .exact("plan")], "stem first")
        phrases.insert([.exact("the"), .prefix("manag")], "stem second")
        phrases.insert([.exact("not"), .anyOf([.exact("renew"), .prefix("renewing")])], "choice second")
        phrases.insert([.exact("cancelled")], "single word")
        phrases.insert([.exact("legal"), .gap(2), .exact("action")], "gap second")
        phrases.insert([.anyOf([.exact("is"), .exact("was")]), .exact("down")], "choice first")
        phrases.insert([.prefix("outage")], "single stem")
        phrases.insert([.prefix("manag"), .exact("is")], "stem first, known word")
        var unfiltered = phrases
        unfiltered.insert([.gap(1), .exact("zzz-never-written")], "leading gap")
        var builder = Vocabulary.Builder()
        unfiltered.register(into: &builder)
        builder.add(["cancelling", "management", "renewing"])  // known words that have stems
        let vocabulary = builder.build()
        let filtered = phrases.index(vocabulary), reference = unfiltered.index(vocabulary)
        let pool = ["cancelling", "cancelx", "cancelled", "my", "plan", "the", "manager", "management",
                    "not", "renew", "renewingly", "legal", "action", "is", "down", "outages", "a"]
        var rng = SeededGenerator(seed: 11)
        var found = 0
        for _ in 0..<3000 {
            let words = (0..<Int.random(in: 1...8, using: &rng)).map { _ in pool.randomElement(using: &rng)! }
            let encoded = vocabulary.encode(NormalizedText(tokens: words.map { Token($0) }))
            let view = WordView(encoded, tokens: Array(words.indices))
            for i in words.indices {
                let a = filtered.longest(in: view, at: i), b = reference.longest(in: view, at: i)
                XCTAssertEqual(a.map { "\($0.length):\(filtered.payload($0.entry))" }, b.map { "\($0.length):\(reference.payload($0.entry))" }, "\(words) at \(i)")
                if a != nil { found += 1 }
            }
        }
        XCTAssertGreaterThan(found, 1000)
        let encoded = vocabulary.encode(NormalizedText(tokens: ["cancelling", "my", "plan"].map { Token($0) }))
        XCTAssertEqual(filtered.longest(in: WordView(encoded, tokens: [0, 1, 2]), at: 0).map { filtered.payload($0.entry) }, "stem first")
    }

    /// Phrases are ruled out per ticket when one of their later elements accepts no word of it
    /// (`Presence`), and an element's choices are searched by signature. Checked against a
    /// plain reading of the patterns (every entry tried at every start, gaps of 0…n words,
    /// stems as prefixes) on random word runs, with stems reached through unknown words
    /// ("refundd", "customerz") and common first words ("not", "all", "no").
    func testPhraseIndexAgreesWithPlainMatching() {
        let entries: [([PatternWord], String)] = [
            ([.exact("not"), .gap(3), .prefix("refund")], "negated refund"),
            ([.anyOf([.exact("all"), .exact("every")]), .gap(3), .anyOf([.exact("users"), .prefix("customer")])], "scope"),
            ([.prefix("checkout"), .gap(2), .anyOf([.exact("failing"), .exact("down")])], "symptom"),
            ([.exact("no"), .exact("one"), .exact("can"), .anyOf([.exact("log"), .exact("login")])], "lockout"),
            ([.exact("the"), .prefix("manag")], "manager"),
            ([.exact("not"), .exact("a"), .gap(1)], "trailing gap"),
            ([.anyOf([.exact("all"), .exact("not")]), .gap(2), .exact("down")], "shared first"),
            // Two gaps: the element after the second stands anywhere in seven words (no window test).
            ([.exact("we"), .gap(3), .exact("locked"), .gap(3), .prefix("out")], "two gaps"),
            ([.prefix("log"), .gap(1), .anyOf([.exact("is"), .exact("are")]), .exact("down")], "stem first, gap second"),
        ]
        var phrases = PhraseMatcher<String>()
        for (words, name) in entries { phrases.insert(words, name) }
        var builder = Vocabulary.Builder()
        phrases.register(into: &builder)
        builder.add(["refunds", "customers", "management"])
        let vocabulary = builder.build()
        let index = phrases.index(vocabulary)

        func accepts(_ e: PatternWord, _ w: String) -> Bool {
            switch e {
            case .exact(let x): return w == x
            case .prefix(let p): return w.hasPrefix(p)
            case .anyOf(let options): return options.contains { accepts($0, w) }
            case .gap: return false
            }
        }
        /// Ends of every way `pattern` matches `words` from `i`.
        func ends(_ pattern: ArraySlice<PatternWord>, _ words: [String], _ i: Int) -> [Int] {
            guard let e = pattern.first else { return [i] }
            if case .gap(let n) = e {
                return (0...n).filter { i + $0 <= words.count }.flatMap { ends(pattern.dropFirst(), words, i + $0) }
            }
            guard i < words.count, accepts(e, words[i]) else { return [] }
            return ends(pattern.dropFirst(), words, i + 1)
        }
        func plain(_ words: [String], _ i: Int) -> String? {
            var best: (end: Int, name: String)?
            for (pattern, name) in entries {
                guard let end = ends(pattern[...], words, i).min(), end > i else { continue }
                if best == nil || end > best!.end { best = (end, name) }
            }
            return best.map { "\($0.end - i):\($0.name)" }
        }
        let pool = ["not", "no", "one", "can", "log", "login", "refund", "refundd", "refunds", "all", "every", "users",
                    "customerz", "customers", "checkout", "checkoutx", "failing", "down", "the", "manager", "a", "is", "we",
                    "locked", "out", "outside", "logs", "are"]
        var rng = SeededGenerator(seed: 23)
        var found = 0
        for _ in 0..<4000 {
            let words = (0..<Int.random(in: 1...9, using: &rng)).map { _ in pool.randomElement(using: &rng)! }
            let view = WordView(vocabulary.encode(NormalizedText(tokens: words.map { Token($0) })), tokens: Array(words.indices))
            for i in words.indices {
                let got = index.longest(in: view, at: i).map { "\($0.length):\(index.payload($0.entry))" }
                XCTAssertEqual(got, plain(words, i), "\(words) at \(i)")
                if got != nil { found += 1 }
            }
        }
        XCTAssertGreaterThan(found, 500)
    }

    func testEncodeFindsIdsAndStems() {
        var builder = Vocabulary.Builder()
        builder.add(["cancel", "outage", "we", "are"])
        builder.addStem("cancel")
        builder.addStem("outa")
        let vocabulary = builder.build()
        let text = NormalizedText(tokens: [Token("we"), Token("are"), Token("cancelling"), Token(",", kind: .punctuation),
                                           Token("cancel"), Token("unknown")])
        let encoded = vocabulary.encode(text)
        XCTAssertEqual(encoded.ids, [2, 3, -1, -1, 0, -1])
        XCTAssertEqual(encoded.stemRange(ofToken: 2).map(encoded.stem(at:)), [vocabulary.stemID(of: "cancel")!])
        XCTAssertEqual(encoded.stemRange(ofToken: 4).map(encoded.stem(at:)), [vocabulary.stemID(of: "cancel")!])
        XCTAssertTrue(encoded.stemRange(ofToken: 3).isEmpty && encoded.stemRange(ofToken: 5).isEmpty)
        XCTAssertNil(vocabulary.id(of: "cancelling"))
    }

    /// Ids found while folding must equal ids looked up afterwards, for every token of real text.
    func testTokenizerLookupEqualsLaterLookup() throws {
        let escalator = Fixture.escalator()
        for file in ["Corpora/escalate.jsonl", "samples/tickets.jsonl", "Tests/Fixtures/sentiment_support.jsonl"] {
            for line in try String(contentsOfFile: Fixture.path(file), encoding: .utf8).split(separator: "\n") {
                guard case .string(let text)? = try JSONParser.parse(String(line))["text"] else { continue }
                let plain = escalator.normalizer.normalize(text)
                let fused = escalator.normalizer.normalize(text, vocabulary: escalator.vocabulary)
                XCTAssertEqual(plain, fused)
                XCTAssertEqual(escalator.vocabulary.encode(plain).ids, escalator.vocabulary.encode(fused).ids, text)
            }
        }
    }

    /// Stages built on the escalator's shared vocabulary score like stages with their own.
    func testSharedVocabularyScoresLikeStandaloneStages() throws {
        let escalator = Fixture.escalator()
        let resources = Fixture.resources(escalator.normalizer)
        let sentiment = SentimentAnalyzer(lexicon: resources.sentiment, modifiers: resources.modifiers)
        let risk = RiskMatcher(lexicon: resources.risk, modifiers: resources.modifiers)
        var compared = 0
        for file in ["Corpora/escalate.jsonl", "Corpora/calm.jsonl", "Tests/Fixtures/sentiment_support.jsonl"] {
            for line in try String(contentsOfFile: Fixture.path(file), encoding: .utf8).split(separator: "\n") {
                guard case .string(let text)? = try JSONParser.parse(String(line))["text"] else { continue }
                let normalized = escalator.normalizer.normalize(text)
                // English's stages; other languages' tickets are read by theirs (`LanguageFixtureTests`).
                guard escalator.evidence(for: Ticket(id: "x", text: text)).language.lexicons == .english else { continue }
                let hits = risk.hits(in: normalized)
                XCTAssertEqual(hits, escalator.risk.hits(in: normalized), text)
                XCTAssertEqual(sentiment.compound(normalized, risks: hits, riskValence: resources.risk.valence),
                               escalator.evidence(for: Ticket(id: "x", text: text)).sentiment, accuracy: 1e-12, text)
                compared += 1
            }
        }
        XCTAssertGreaterThan(compared, 500)
    }
}
