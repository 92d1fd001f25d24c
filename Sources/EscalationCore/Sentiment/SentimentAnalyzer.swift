import Foundation

/// VADER-style compound sentiment in [-1, 1] over normalized tokens.
///
/// Constants are VADER's (Hutto & Gilbert, ICWSM 2014), which were fitted to human ratings;
/// README "About the scoring" explains how they combine.
public final class SentimentAnalyzer: Sendable {
    /// Added to a sentiment word written in ALL CAPS inside mixed-case text (VADER C_INCR).
    public static let capsEmphasis = 0.733
    /// Multiplier for a negated sentiment word: flips and damps it (VADER N_SCALAR).
    public static let negationScalar = -0.74
    /// "never so good", "never this bad": emphasis, not negation (VADER).
    public static let neverSoEmphasis = 1.25
    /// Per "!" (at most `maxExclamations`), added in the direction of the sum (VADER).
    public static let exclamationEmphasis = 0.292
    public static let maxExclamations = 4
    /// Per "?" when there are 2–3, and the cap for more (VADER).
    public static let questionEmphasis = 0.18
    public static let questionEmphasisCap = 0.96
    /// Squashes the raw sum into [-1, 1]: x / sqrt(x² + α). VADER's α = 15 approximates the
    /// maximum expected sum.
    public static let normalizationAlpha = 15.0
    /// Weights before/after the first contrast word ("but"): the later clause dominates (VADER).
    public static let beforeContrast = 0.5
    public static let afterContrast = 1.5
    /// How far back negators and intensifiers reach, and how an intensifier fades with distance.
    public static let scopeWindow = 3
    /// Intensifier weight at distance 1, 2, 3 (VADER: 1, 0.95, 0.9); a function, not a shared
    /// global array, which every scoring thread would retain and release per word.
    @inline(__always) public static func decay(_ distance: Int) -> Double {
        distance == 1 ? 1.0 : distance == 2 ? 0.95 : 0.9
    }

    public let lexicon: SentimentLexicon
    public let modifiers: Modifiers
    public let vocabulary: Vocabulary

    /// Everything the lexicon and modifiers say about a word, merged so scoring reads each
    /// word's facts once, by vocabulary id.
    private struct WordInfo: Sendable {
        var valence: Double?
        var intensifier: Double?
        var negator = false
        var shortNegator = false
        var contrast = false
        var sarcasticOpener = false
        var questionOpener = false
    }
    /// By vocabulary id, up to the last id with facts (shared vocabularies hold many more words).
    private let wordInfo: [WordInfo]
    private let phrases: PhraseIndex<Double>

    /// Words some rule names ("the least helpful", "never so good", "no X or Y"), by id.
    private struct RuleWords: Sendable {
        var least, at, very, never, so, this, or, nor: Int32
    }
    private static let ruleWordList = ["least", "at", "very", "never", "so", "this", "or", "nor"]
    private let ruleWords: RuleWords

    /// The words and stems sentiment looks up, for a vocabulary shared with other stages.
    public static func register(lexicon: SentimentLexicon, modifiers: Modifiers, into builder: inout Vocabulary.Builder) {
        builder.add(lexicon.words.keys.sorted())
        lexicon.phrases.register(into: &builder)
        modifiers.register(into: &builder)
        builder.add(ruleWordList)
    }

    /// A standalone analyzer with a vocabulary of its own.
    public convenience init(lexicon: SentimentLexicon, modifiers: Modifiers) {
        var builder = Vocabulary.Builder()
        Self.register(lexicon: lexicon, modifiers: modifiers, into: &builder)
        self.init(lexicon: lexicon, modifiers: modifiers, vocabulary: builder.build())
    }

    /// `vocabulary` must hold what `register` adds.
    public init(lexicon: SentimentLexicon, modifiers: Modifiers, vocabulary: Vocabulary) {
        self.lexicon = lexicon
        self.modifiers = modifiers
        self.vocabulary = vocabulary
        var info: [WordInfo] = []
        func update(_ word: String, _ body: (inout WordInfo) -> Void) {
            guard let id = vocabulary.id(of: word).map(Int.init) else { return }
            if id >= info.count { info += [WordInfo](repeating: WordInfo(), count: id + 1 - info.count) }
            body(&info[id])
        }
        for (w, v) in lexicon.words { update(w) { $0.valence = v } }
        for (w, v) in modifiers.intensifiers { update(w) { $0.intensifier = v } }
        for w in modifiers.negators { update(w) { $0.negator = true } }
        for w in modifiers.shortNegators { update(w) { $0.shortNegator = true } }
        for w in modifiers.contrast { update(w) { $0.contrast = true } }
        for w in modifiers.sarcasticOpeners { update(w) { $0.sarcasticOpener = true } }
        for w in modifiers.questionOpeners { update(w) { $0.questionOpener = true } }
        wordInfo = info
        phrases = lexicon.phrases.index(vocabulary)
        let id = { (w: String) in vocabulary.id(of: w) ?? -2 }
        ruleWords = RuleWords(least: id("least"), at: id("at"), very: id("very"), never: id("never"),
                              so: id("so"), this: id("this"), or: id("or"), nor: id("nor"))
    }

    @inline(__always) private func info(_ id: Int32) -> WordInfo {
        id >= 0 && Int(id) < wordInfo.count ? wordInfo[Int(id)] : WordInfo()
    }

    /// One word sentiment looks at (any non-punctuation token), with what it needs to know.
    private struct Word {
        var info: WordInfo
        var id: Int32
        var token: Int32
        /// Index of the sentence the word is in.
        var sentence: Int32
        var caps: Bool
        /// Clause punctuation follows the word (short negators stop there).
        var boundaryAfter = false
        /// In an informational question ("How do I cancel one seat?").
        var inQuestion: Bool
        var negator: Bool
        /// Part of a matched lexicon phrase.
        var inPhrase = false

        var valence: Double? { info.valence }
        var intensifier: Double? { info.intensifier }
    }

    private struct Context {
        var words: [Word] = []
        /// Token index (in `NormalizedText.tokens`) → word index here, -1 for punctuation.
        var wordOfToken: [Int32] = []
        /// Token index and id of each word, for phrase matching.
        var view: WordView
        var capsStandOut = false
        var count: Int { words.count }
    }

    /// Per token: inside an informational question (see `informationalQuestionMask`). Risk
    /// matching needs the same mask, so `Escalator` computes it once and hands it to both.
    public func questionMask(_ encoded: EncodedText) -> [Bool] {
        encoded.text.informationalQuestionMask { t in info(encoded.ids[t]).questionOpener }
    }

    private func context(_ encoded: EncodedText, questions given: [Bool]?) -> Context {
        let text = encoded.text
        let questions = given ?? questionMask(encoded)
        let n = text.count
        var wordOfToken = [Int32](filled: -1, count: n)
        var capsCount = 0
        var words: [Word] = []
        words.reserveCapacity(n)
        var sentence: Int32 = 0
        // Written through a pointer: an array store per token would check uniqueness each time.
        wordOfToken.withUnsafeMutableBufferPointer { wordOfToken in
            for t in 0..<n {
                if text.kinds[t] == .punctuation {
                    if !words.isEmpty { words[words.count - 1].boundaryAfter = true }
                    if text.endsSentence(t) { sentence += 1 }
                    continue
                }
                wordOfToken[t] = Int32(words.count)
                let id = encoded.ids[t]
                let facts = info(id)
                let caps = text.isAllCaps(t)
                if caps { capsCount += 1 }
                words.append(Word(info: facts, id: id, token: Int32(t), sentence: sentence, caps: caps,
                                  inQuestion: questions[t], negator: facts.negator || text.endsInNT(t)))
            }
        }
        let view = WordView(encoded, tokens: words.map { Int($0.token) }, ids: words.map(\.id))
        // Caps only count when they stand out: a fully shouted text gets no extra.
        return Context(words: words, wordOfToken: wordOfToken, view: view,
                       capsStandOut: capsCount > 0 && capsCount < words.count)
    }

    /// Per-word valences and the compound score, for explanations and lexicon work.
    public struct Breakdown: Sendable {
        public var words: [String]
        public var valences: [Double]
        public var compound: Double
    }

    /// Compound sentiment; counted risk hits add their category's valence (`risk.txt`),
    /// because in support language an outage or a cancellation is itself a complaint.
    public func compound(_ text: NormalizedText, risks: [RiskHit] = [], riskValence: [String: Double] = [:]) -> Double {
        compound(vocabulary.encode(text), risks: risks, riskValence: riskValence)
    }

    public func breakdown(_ text: NormalizedText, risks: [RiskHit] = [], riskValence: [String: Double] = [:]) -> Breakdown {
        breakdown(vocabulary.encode(text), risks: risks, riskValence: riskValence)
    }

    /// `encoded` must come from this analyzer's vocabulary.
    /// `questions`: `questionMask(encoded)`, if already at hand.
    public func compound(_ encoded: EncodedText, risks: [RiskHit] = [], riskValence: [String: Double] = [:],
                         questions: [Bool]? = nil) -> Double {
        var c = context(encoded, questions: questions)
        return c.words.isEmpty ? 0 : score(&c, encoded.text, risks, riskValence).compound
    }

    public func breakdown(_ encoded: EncodedText, risks: [RiskHit] = [], riskValence: [String: Double] = [:]) -> Breakdown {
        var c = context(encoded, questions: nil)
        guard !c.words.isEmpty else { return Breakdown(words: [], valences: [], compound: 0) }
        let (valences, compound) = score(&c, encoded.text, risks, riskValence)
        return Breakdown(words: c.words.map { encoded.text.text(at: Int($0.token)) }, valences: valences, compound: compound)
    }

    /// Marks phrase words in `c` (in place: a copy of the words would cost more than the rest).
    private func score(_ c: inout Context, _ text: NormalizedText, _ risks: [RiskHit],
                       _ riskValence: [String: Double]) -> (valences: [Double], compound: Double) {
        var riskStarts = [Bool](filled: false, count: c.count)
        for hit in risks where c.wordOfToken[hit.tokenIndex] >= 0 { riskStarts[Int(c.wordOfToken[hit.tokenIndex])] = true }
        var valences = [Double](filled: 0, count: c.count)
        // Phrases first, so their words are not read again as modifiers ("can't believe").
        var i = 0
        var phraseAt = [Double?](filled: nil, count: c.count)
        while i < c.count {
            if let phrase = phrases.longest(in: c.view, at: i) {
                phraseAt[i] = phrase.payload
                for j in i..<(i + phrase.length) { c.words[j].inPhrase = true }
                i += phrase.length
            } else {
                i += 1
            }
        }
        for i in c.words.indices {
            if let value = phraseAt[i] {
                valences[i] = value == 0 ? 0 : adjust(value, at: i, c)
            } else if !c.words[i].inPhrase, c.words[i].intensifier == nil, var valence = c.words[i].valence {
                // "no" that negates what follows ("no more errors", "no outage") is not a sentiment itself.
                if c.words[i].info.shortNegator && negatesNext(i, c, riskStarts) { valence = 0 }
                valences[i] = valence == 0 ? 0 : adjust(valence, at: i, c)
            }
        }

        for hit in risks {
            let i = Int(c.wordOfToken[hit.tokenIndex])
            guard i >= 0 else { continue }
            if hit.exempt {
                valences[i] = 0  // a harmless mention ("cancel the export") is no complaint
            } else if hit.counts, let v = riskValence[hit.category], v < 0 {
                // The stronger of the word's own valence and the risk's, not both: no double counting.
                valences[i] = min(valences[i], v - (c.capsStandOut && c.words[i].caps ? Self.capsEmphasis : 0))
            }
        }
        applySarcasm(&valences, c)
        // Asking how something works is not an emotion, whatever words the question uses.
        for i in valences.indices where c.words[i].inQuestion { valences[i] = 0 }

        if let contrast = c.words.firstIndex(where: \.info.contrast) {
            for j in valences.indices where j < contrast { valences[j] *= Self.beforeContrast }
            for j in valences.indices where j > contrast { valences[j] *= Self.afterContrast }
        }

        var sum = valences.reduce(0, +)
        if sum != 0 { sum += (sum > 0 ? 1 : -1) * punctuationEmphasis(text) }
        return (valences, Self.normalize(sum))
    }

    private func negatesNext(_ i: Int, _ c: borrowing Context, _ riskStarts: [Bool]) -> Bool {
        for j in (i + 1)...(i + 2) where j < c.count {
            if c.words[j].valence != nil || riskStarts[j] { return true }
            if c.words[j].boundaryAfter { break }
        }
        return false
    }

    /// "Great, down again." — praise opening a sentence whose rest is negative is sarcasm.
    private func applySarcasm(_ valences: inout [Double], _ c: borrowing Context) {
        var i = 0
        while i < c.count {
            let sentence = c.words[i].sentence
            var end = i
            while end < c.count && c.words[end].sentence == sentence { end += 1 }
            // The praise word may follow an interjection: "Oh perfect, …".
            for opener in i..<min(i + 2, end) where c.words[opener].info.sarcasticOpener
                && c.words[opener].boundaryAfter && valences[opener] > 0 {
                if valences[(opener + 1)..<end].reduce(0, +) < 0 { valences[opener] *= Self.negationScalar }
                break
            }
            i = end
        }
    }

    private func adjust(_ base: Double, at i: Int, _ c: borrowing Context) -> Double {
        var valence = base
        if shortNegated(at: i, c) { valence *= Self.negationScalar }
        if c.capsStandOut && c.words[i].caps { valence += (valence > 0 ? 1 : -1) * Self.capsEmphasis }
        for distance in 1...Self.scopeWindow where i - distance >= 0 {
            let m = c.words[i - distance]
            // Modifiers do not reach across clause punctuation: "not cancelling, we love it".
            if m.boundaryAfter { break }
            // A word with a sentiment of its own is not a modifier (VADER's rule), nor is a
            // word inside a phrase ("can't believe").
            guard m.valence == nil, !m.inPhrase else { continue }
            if let boost = m.intensifier {
                var scalar = boost * Self.decay(distance)
                if c.capsStandOut && m.caps { scalar += (boost > 0 ? 1 : -1) * Self.capsEmphasis }
                valence += (valence > 0 ? 1 : -1) * scalar
            }
            if neverSo(at: i, distance: distance, c) {
                valence *= Self.neverSoEmphasis
            } else if m.negator {
                valence *= Self.negationScalar
            }
        }
        // "the least helpful" negates; "at least helpful" and "the very least" do not.
        if i >= 1, c.words[i - 1].id == ruleWords.least, i < 2 || (c.words[i - 2].id != ruleWords.at && c.words[i - 2].id != ruleWords.very) {
            valence *= Self.negationScalar
        }
        return valence
    }

    private func shortNegated(at i: Int, _ c: borrowing Context) -> Bool {
        for distance in 1...2 where i - distance >= 0 {
            let j = i - distance
            if (j..<i).contains(where: { c.words[$0].boundaryAfter }) { return false }
            if c.words[j].info.shortNegator { return true }
        }
        // "no X or Y": the negation reaches across "or"/"nor".
        if i >= 3, c.words[i - 3].info.shortNegator, c.words[i - 1].id == ruleWords.or || c.words[i - 1].id == ruleWords.nor,
           !(i - 3..<i).contains(where: { c.words[$0].boundaryAfter }) {
            return true
        }
        return false
    }

    private func neverSo(at i: Int, distance: Int, _ c: borrowing Context) -> Bool {
        guard distance >= 2, c.words[i - distance].id == ruleWords.never else { return false }
        return (1..<distance).contains { c.words[i - $0].id == ruleWords.so || c.words[i - $0].id == ruleWords.this }
    }

    private func punctuationEmphasis(_ text: NormalizedText) -> Double {
        let exclamation = Double(min(text.exclamationMarks, Self.maxExclamations)) * Self.exclamationEmphasis
        var question = 0.0
        if text.questionMarks > 1 {
            question = text.questionMarks <= 3 ? Double(text.questionMarks) * Self.questionEmphasis : Self.questionEmphasisCap
        }
        return exclamation + question
    }

    public static func normalize(_ sum: Double) -> Double {
        let score = sum / (sum * sum + normalizationAlpha).squareRoot()
        return min(1, max(-1, score))
    }
}
