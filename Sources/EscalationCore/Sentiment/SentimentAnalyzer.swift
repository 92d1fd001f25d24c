import Foundation

/// VADER-style compound sentiment in [-1, 1] over normalized tokens.
///
/// Constants are VADER's (Hutto & Gilbert, ICWSM 2014), which were fitted to human ratings;
/// README "About the scoring" explains how they combine.
public struct SentimentAnalyzer: Sendable {
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
    public static let intensifierDecay = [1.0, 0.95, 0.9]

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
    private let wordInfo: [WordInfo]
    private let phrases: PhraseIndex<Double>

    /// The words and stems sentiment looks up, for a vocabulary shared with other stages.
    public static func register(lexicon: SentimentLexicon, modifiers: Modifiers, into builder: inout Vocabulary.Builder) {
        builder.add(lexicon.words.keys.sorted())
        lexicon.phrases.register(into: &builder)
        modifiers.register(into: &builder)
    }

    /// A standalone analyzer with a vocabulary of its own.
    public init(lexicon: SentimentLexicon, modifiers: Modifiers) {
        var builder = Vocabulary.Builder()
        Self.register(lexicon: lexicon, modifiers: modifiers, into: &builder)
        self.init(lexicon: lexicon, modifiers: modifiers, vocabulary: builder.build())
    }

    /// `vocabulary` must hold what `register` adds.
    public init(lexicon: SentimentLexicon, modifiers: Modifiers, vocabulary: Vocabulary) {
        self.lexicon = lexicon
        self.modifiers = modifiers
        self.vocabulary = vocabulary
        var info = [WordInfo](repeating: WordInfo(), count: vocabulary.count)
        func update(_ word: String, _ body: (inout WordInfo) -> Void) {
            if let id = vocabulary.id(of: word) { body(&info[Int(id)]) }
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
    }

    /// The words sentiment looks at, with what it needs to know about each.
    private struct Context {
        var words: [String] = []
        var caps: [Bool] = []
        /// Clause punctuation follows word i (short negators stop there).
        var boundaryAfter: [Bool] = []
        /// Index of the sentence each word is in.
        var sentence: [Int] = []
        /// Word i is in an informational question ("How do I cancel one seat?").
        var inQuestion: [Bool] = []
        /// Word i belongs to a matched lexicon phrase.
        var inPhrase: [Bool] = []
        /// Token index of word i, and its facts.
        var tokens: [Int] = []
        var info: [WordInfo] = []
        var negator: [Bool] = []
        /// Token index (in `NormalizedText.tokens`) → word index here, -1 for punctuation.
        var wordOfToken: [Int] = []
        var capsStandOut = false

        func valence(_ i: Int) -> Double? { info[i].valence }
        func intensifier(_ i: Int) -> Double? { info[i].intensifier }
    }

    private func context(_ encoded: EncodedText) -> Context {
        let text = encoded.text
        var c = Context()
        let questions = text.informationalQuestionMask { t in
            let id = encoded.ids[t]
            return id >= 0 && wordInfo[Int(id)].questionOpener
        }
        var sentence = 0
        c.wordOfToken = [Int](repeating: -1, count: text.tokens.count)
        let n = text.tokens.count
        for array in [\Context.caps, \Context.boundaryAfter, \Context.inQuestion, \Context.negator] as [WritableKeyPath<Context, [Bool]>] {
            c[keyPath: array].reserveCapacity(n)
        }
        c.words.reserveCapacity(n); c.sentence.reserveCapacity(n); c.tokens.reserveCapacity(n); c.info.reserveCapacity(n)
        for (t, token) in text.tokens.enumerated() {
            if token.kind == .punctuation {
                if !c.boundaryAfter.isEmpty { c.boundaryAfter[c.boundaryAfter.count - 1] = true }
                if token.endsSentence { sentence += 1 }
                continue
            }
            c.wordOfToken[t] = c.words.count
            c.words.append(token.text)
            c.tokens.append(t)
            c.caps.append(token.isAllCaps)
            c.boundaryAfter.append(false)
            c.sentence.append(sentence)
            c.inQuestion.append(questions[t])
            let id = encoded.ids[t]
            let info = id >= 0 ? wordInfo[Int(id)] : WordInfo()
            c.info.append(info)
            c.negator.append(info.negator || token.text.utf8.hasSuffixNT)
        }
        c.inPhrase = [Bool](repeating: false, count: c.words.count)
        // Caps only count when they stand out: a fully shouted text gets no extra.
        let capsCount = c.caps.lazy.filter { $0 }.count
        c.capsStandOut = capsCount > 0 && capsCount < c.words.count
        return c
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
        breakdown(text, risks: risks, riskValence: riskValence).compound
    }

    public func breakdown(_ text: NormalizedText, risks: [RiskHit] = [], riskValence: [String: Double] = [:]) -> Breakdown {
        breakdown(vocabulary.encode(text), risks: risks, riskValence: riskValence)
    }

    /// `encoded` must come from this analyzer's vocabulary.
    public func compound(_ encoded: EncodedText, risks: [RiskHit] = [], riskValence: [String: Double] = [:]) -> Double {
        breakdown(encoded, risks: risks, riskValence: riskValence).compound
    }

    public func breakdown(_ encoded: EncodedText, risks: [RiskHit] = [], riskValence: [String: Double] = [:]) -> Breakdown {
        let text = encoded.text
        var c = context(encoded)
        guard !c.words.isEmpty else { return Breakdown(words: [], valences: [], compound: 0) }
        var riskStarts = [Bool](repeating: false, count: c.words.count)
        for hit in risks where c.wordOfToken[hit.tokenIndex] >= 0 { riskStarts[c.wordOfToken[hit.tokenIndex]] = true }
        var valences = [Double](repeating: 0, count: c.words.count)
        // Phrases first, so their words are not read again as modifiers ("can't believe").
        var i = 0
        var phraseAt = [Double?](repeating: nil, count: c.words.count)
        let view = WordView(encoded, tokens: c.tokens)
        while i < c.words.count {
            if let phrase = phrases.longest(in: view, at: i) {
                phraseAt[i] = phrase.payload
                for j in i..<(i + phrase.length) { c.inPhrase[j] = true }
                i += phrase.length
            } else {
                i += 1
            }
        }
        for i in c.words.indices {
            if let value = phraseAt[i] {
                valences[i] = value == 0 ? 0 : adjust(value, at: i, c)
            } else if !c.inPhrase[i], c.intensifier(i) == nil, var valence = c.valence(i) {
                // "no" that negates what follows ("no more errors", "no outage") is not a sentiment itself.
                if c.info[i].shortNegator && negatesNext(i, c, riskStarts) { valence = 0 }
                valences[i] = valence == 0 ? 0 : adjust(valence, at: i, c)
            }
        }

        for hit in risks {
            let i = c.wordOfToken[hit.tokenIndex]
            guard i >= 0 else { continue }
            if hit.exempt {
                valences[i] = 0  // a harmless mention ("cancel the export") is no complaint
            } else if hit.counts, let v = riskValence[hit.category], v < 0 {
                // The stronger of the word's own valence and the risk's, not both: no double counting.
                valences[i] = min(valences[i], v - (c.capsStandOut && c.caps[i] ? Self.capsEmphasis : 0))
            }
        }
        applySarcasm(&valences, c)
        // Asking how something works is not an emotion, whatever words the question uses.
        for i in valences.indices where c.inQuestion[i] { valences[i] = 0 }

        if let contrast = c.info.firstIndex(where: \.contrast) {
            for j in valences.indices where j < contrast { valences[j] *= Self.beforeContrast }
            for j in valences.indices where j > contrast { valences[j] *= Self.afterContrast }
        }

        var sum = valences.reduce(0, +)
        if sum != 0 { sum += (sum > 0 ? 1 : -1) * punctuationEmphasis(text) }
        return Breakdown(words: c.words, valences: valences, compound: Self.normalize(sum))
    }

    private func negatesNext(_ i: Int, _ c: Context, _ riskStarts: [Bool]) -> Bool {
        for j in (i + 1)...(i + 2) where j < c.words.count {
            if c.valence(j) != nil || riskStarts[j] { return true }
            if c.boundaryAfter[j] { break }
        }
        return false
    }

    /// "Great, down again." — praise opening a sentence whose rest is negative is sarcasm.
    private func applySarcasm(_ valences: inout [Double], _ c: Context) {
        var i = 0
        while i < c.words.count {
            let sentence = c.sentence[i]
            var end = i
            while end < c.words.count && c.sentence[end] == sentence { end += 1 }
            // The praise word may follow an interjection: "Oh perfect, …".
            for opener in i..<min(i + 2, end) where c.info[opener].sarcasticOpener
                && c.boundaryAfter[opener] && valences[opener] > 0 {
                if valences[(opener + 1)..<end].reduce(0, +) < 0 { valences[opener] *= Self.negationScalar }
                break
            }
            i = end
        }
    }


    private func adjust(_ base: Double, at i: Int, _ c: Context) -> Double {
        var valence = base
        if shortNegated(at: i, c) { valence *= Self.negationScalar }
        if c.capsStandOut && c.caps[i] { valence += (valence > 0 ? 1 : -1) * Self.capsEmphasis }
        for distance in 1...Self.scopeWindow where i - distance >= 0 {
            // Modifiers do not reach across clause punctuation: "not cancelling, we love it".
            if c.boundaryAfter[i - distance] { break }
            // A word with a sentiment of its own is not a modifier (VADER's rule), nor is a
            // word inside a phrase ("can't believe").
            guard c.valence(i - distance) == nil, !c.inPhrase[i - distance] else { continue }
            if let boost = c.intensifier(i - distance) {
                var scalar = boost * Self.intensifierDecay[distance - 1]
                if c.capsStandOut && c.caps[i - distance] { scalar += (boost > 0 ? 1 : -1) * Self.capsEmphasis }
                valence += (valence > 0 ? 1 : -1) * scalar
            }
            if neverSo(at: i, distance: distance, c) {
                valence *= Self.neverSoEmphasis
            } else if c.negator[i - distance] {
                valence *= Self.negationScalar
            }
        }
        // "the least helpful" negates; "at least helpful" and "the very least" do not.
        if i >= 1, c.words[i - 1] == "least", i < 2 || (c.words[i - 2] != "at" && c.words[i - 2] != "very") {
            valence *= Self.negationScalar
        }
        return valence
    }

    private func shortNegated(at i: Int, _ c: Context) -> Bool {
        for distance in 1...2 where i - distance >= 0 {
            let j = i - distance
            if (j..<i).contains(where: { c.boundaryAfter[$0] }) { return false }
            if c.info[j].shortNegator { return true }
        }
        // "no X or Y": the negation reaches across "or"/"nor".
        if i >= 3, c.info[i - 3].shortNegator, ["or", "nor"].contains(c.words[i - 1]),
           !(i - 3..<i).contains(where: { c.boundaryAfter[$0] }) {
            return true
        }
        return false
    }

    private func neverSo(at i: Int, distance: Int, _ c: Context) -> Bool {
        guard distance >= 2, c.words[i - distance] == "never" else { return false }
        return (1..<distance).contains { ["so", "this"].contains(c.words[i - $0]) }
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
