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

    /// What the lexicon and modifiers say about a word, as bits by vocabulary id, so building a
    /// ticket's words reads one byte per word; values sit in their own arrays, read only for
    /// the few words that have them.
    private struct Facts: OptionSet, Sendable {
        let rawValue: UInt8
        static let valence = Facts(rawValue: 1 << 0)
        static let intensifier = Facts(rawValue: 1 << 1)
        static let negator = Facts(rawValue: 1 << 2)
        static let shortNegator = Facts(rawValue: 1 << 3)
        static let contrast = Facts(rawValue: 1 << 4)
        static let sarcasticOpener = Facts(rawValue: 1 << 5)
        static let questionOpener = Facts(rawValue: 1 << 6)
    }
    /// By vocabulary id, up to the last id with facts (shared vocabularies hold many more words).
    private let facts: [Facts]
    private let valenceOf: [Double]
    private let intensifierOf: [Double]
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
        var facts: [Facts] = [], valences: [Double] = [], intensifiers: [Double] = []
        func update(_ word: String, _ fact: Facts, value: Double = 0) {
            guard let id = vocabulary.id(of: word).map(Int.init) else { return }
            if id >= facts.count {
                let added = id + 1 - facts.count
                facts += repeatElement([], count: added)
                valences += repeatElement(0, count: added)
                intensifiers += repeatElement(0, count: added)
            }
            facts[id].insert(fact)
            if fact == .valence { valences[id] = value }
            if fact == .intensifier { intensifiers[id] = value }
        }
        for (w, v) in lexicon.words { update(w, .valence, value: v) }
        for (w, v) in modifiers.intensifiers { update(w, .intensifier, value: v) }
        for w in modifiers.negators { update(w, .negator) }
        for w in modifiers.shortNegators { update(w, .shortNegator) }
        for w in modifiers.contrast { update(w, .contrast) }
        for w in modifiers.sarcasticOpeners { update(w, .sarcasticOpener) }
        for w in modifiers.questionOpeners { update(w, .questionOpener) }
        self.facts = facts
        valenceOf = valences
        intensifierOf = intensifiers
        phrases = lexicon.phrases.index(vocabulary)
        let id = { (w: String) in vocabulary.id(of: w) ?? -2 }
        ruleWords = RuleWords(least: id("least"), at: id("at"), very: id("very"), never: id("never"),
                              so: id("so"), this: id("this"), or: id("or"), nor: id("nor"))
    }

    @inline(__always) private func facts(_ id: Int32) -> Facts {
        id >= 0 && Int(id) < facts.count ? facts[Int(id)] : []
    }

    /// What sentiment learns about a word in its ticket, beside the word's facts.
    private struct State: OptionSet {
        let rawValue: UInt8
        static let caps = State(rawValue: 1 << 0)
        /// Clause punctuation follows the word (short negators stop there).
        static let boundaryAfter = State(rawValue: 1 << 1)
        /// In an informational question ("How do I cancel one seat?").
        static let inQuestion = State(rawValue: 1 << 2)
        static let negator = State(rawValue: 1 << 3)
        /// Part of a matched lexicon phrase.
        static let inPhrase = State(rawValue: 1 << 4)
        /// A risk hit starts here.
        static let riskStart = State(rawValue: 1 << 5)
    }

    /// One word sentiment looks at (any non-punctuation token): 12 bytes, no optionals. Its
    /// token index is in `Context.view.tokens`.
    private struct Word {
        var id: Int32
        /// Index of the sentence the word is in.
        var sentence: Int32
        var facts: Facts
        var state: State
    }

    private struct Context {
        var words: [Word]
        /// Token index and id of each word, for phrase matching; token indices ascend.
        var view: WordView
        var capsStandOut: Bool
        /// The first word with a contrast fact ("but"), or nil.
        var contrast: Int?
        var count: Int { words.count }

        /// Word index of token `t`, if it is a word (a binary search: asked once per risk hit).
        func word(ofToken t: Int) -> Int? {
            var low = 0, high = view.tokens.count
            while low < high {
                let mid = (low + high) / 2
                if view.tokens[mid] < t { low = mid + 1 } else { high = mid }
            }
            return low < view.tokens.count && view.tokens[low] == t ? low : nil
        }
    }

    /// Per token: inside an informational question (see `informationalQuestionMask`). Risk
    /// matching needs the same mask, so `Escalator` computes it once and hands it to both.
    public func questionMask(_ encoded: EncodedText) -> [Bool] {
        encoded.text.informationalQuestionMask { t in facts(encoded.ids[t]).contains(.questionOpener) }
    }

    private func context(_ encoded: EncodedText, questions given: [Bool]?) -> Context {
        let text = encoded.text
        let questions = given ?? questionMask(encoded)
        let n = text.count
        var capsCount = 0
        var sentence: Int32 = 0
        var count = 0
        var contrast = -1
        var tokenOfWord = [Int](filled: 0, count: n)
        var idOfWord = [Int32](filled: 0, count: n)
        precondition(questions.count == n)
        // Read and written through pointers: this runs per token, and array accesses would check
        // bounds (and, for stores, uniqueness) each time.
        let words = [Word](unsafeUninitializedCapacity: n) { words, initialized in
            tokenOfWord.withUnsafeMutableBufferPointer { tokenOfWord in
            idOfWord.withUnsafeMutableBufferPointer { idOfWord in
            questions.withUnsafeBufferPointer { questions in
            self.facts.withUnsafeBufferPointer { factsOf in
            encoded.withTokenColumns { tokens in
                for t in 0..<n {
                    let tokenFlags = tokens.flags[t]
                    if tokens.kinds[t] == .punctuation {
                        if count > 0 { words[count - 1].state.insert(.boundaryAfter) }
                        if tokenFlags.contains(.endsSentence) { sentence += 1 }
                        continue
                    }
                    let id = tokens.ids[t]
                    let facts: Facts = id >= 0 && Int(id) < factsOf.count ? factsOf[Int(id)] : []
                    var state: State = []
                    if tokenFlags.contains(.allCaps) { state.insert(.caps); capsCount += 1 }
                    if questions[t] { state.insert(.inQuestion) }
                    if facts.contains(.negator) || tokenFlags.contains(.endsInNT) { state.insert(.negator) }
                    if facts.contains(.contrast) && contrast < 0 { contrast = count }
                    words.initializeElement(at: count, to: Word(id: id, sentence: sentence, facts: facts, state: state))
                    tokenOfWord[count] = t
                    idOfWord[count] = id
                    count += 1
                }
            }
            }
            }
            }
            }
            initialized = count
        }
        tokenOfWord.removeLast(n - count)
        idOfWord.removeLast(n - count)
        // Caps only count when they stand out: a fully shouted text gets no extra.
        return Context(words: words, view: WordView(encoded, tokens: tokenOfWord, ids: idOfWord),
                       capsStandOut: capsCount > 0 && capsCount < count, contrast: contrast >= 0 ? contrast : nil)
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
        return c.words.isEmpty ? 0 : Self.compound(of: score(&c, encoded.text, risks, riskValence), encoded.text)
    }

    public func breakdown(_ encoded: EncodedText, risks: [RiskHit] = [], riskValence: [String: Double] = [:]) -> Breakdown {
        var c = context(encoded, questions: nil)
        guard !c.words.isEmpty else { return Breakdown(words: [], valences: [], compound: 0) }
        let scored = score(&c, encoded.text, risks, riskValence)
        var valences = [Double](filled: 0, count: c.count)
        for s in scored { valences[Int(s.word)] = s.value }
        return Breakdown(words: c.view.tokens.map(encoded.text.text(at:)), valences: valences,
                         compound: Self.compound(of: scored, encoded.text))
    }

    /// A word's valence; words not listed have none. Most words have none, so every rule after
    /// the first pass reads this short list, not a value per word.
    private struct Scored {
        var word: Int32
        var value: Double
    }

    /// Sum (in word order, as VADER adds them) with punctuation emphasis, squashed into [-1, 1].
    private static func compound(of scored: [Scored], _ text: NormalizedText) -> Double {
        var sum = 0.0
        for s in scored { sum += s.value }
        if sum != 0 { sum += (sum > 0 ? 1 : -1) * punctuationEmphasis(text) }
        return normalize(sum)
    }

    /// The words' valences after every rule, in word order. Marks phrase words and risk starts
    /// in `c` (in place: a copy of the words would cost more than the rest).
    private func score(_ c: inout Context, _ text: NormalizedText, _ risks: [RiskHit],
                       _ riskValence: [String: Double]) -> [Scored] {
        var riskWords: [Int] = []
        for hit in risks {
            guard let i = c.word(ofToken: hit.tokenIndex) else { riskWords.append(-1); continue }
            c.words[i].state.insert(.riskStart)
            riskWords.append(i)
        }
        // One pass, left to right: a phrase (longest first) is tried before a word's own valence,
        // so phrase words are not read again as modifiers ("can't believe"); modifiers are read
        // backwards only, from words already passed.
        var scored: [Scored] = []
        scored.reserveCapacity(16)
        var i = 0
        while i < c.count {
            if let phrase = phrases.longest(in: c.view, at: i) {
                for j in i..<(i + phrase.length) { c.words[j].state.insert(.inPhrase) }
                if phrase.payload != 0 { scored.append(Scored(word: Int32(i), value: adjust(phrase.payload, at: i, c))) }
                i += phrase.length
                continue
            }
            let word = c.words[i]
            if word.facts.contains(.valence) && !word.facts.contains(.intensifier) {
                // "no" that negates what follows ("no more errors", "no outage") is not a sentiment itself.
                let valence = word.facts.contains(.shortNegator) && negatesNext(i, c) ? 0 : valenceOf[Int(word.id)]
                if valence != 0 { scored.append(Scored(word: Int32(i), value: adjust(valence, at: i, c))) }
            }
            i += 1
        }

        for (hit, i) in zip(risks, riskWords) where i >= 0 {
            let k = Self.position(of: i, in: scored)
            let present = k < scored.count && scored[k].word == Int32(i)
            if hit.exempt {
                if present { scored[k].value = 0 }  // a harmless mention ("cancel the export") is no complaint
            } else if hit.counts, let v = riskValence[hit.category], v < 0 {
                // The stronger of the word's own valence and the risk's, not both: no double counting.
                let risk = v - (c.capsStandOut && c.words[i].state.contains(.caps) ? Self.capsEmphasis : 0)
                if present { scored[k].value = min(scored[k].value, risk) } else { scored.insert(Scored(word: Int32(i), value: min(0, risk)), at: k) }
            }
        }
        applySarcasm(&scored, c)
        for k in scored.indices {
            let i = Int(scored[k].word)
            // Asking how something works is not an emotion, whatever words the question uses.
            if c.words[i].state.contains(.inQuestion) { scored[k].value = 0 }
            if let contrast = c.contrast {
                if i < contrast { scored[k].value *= Self.beforeContrast } else if i > contrast { scored[k].value *= Self.afterContrast }
            }
        }
        return scored
    }

    /// Where word `i` is, or would go, in `scored` (ordered by word).
    private static func position(of i: Int, in scored: [Scored]) -> Int {
        var low = 0, high = scored.count
        while low < high {
            let mid = (low + high) / 2
            if Int(scored[mid].word) < i { low = mid + 1 } else { high = mid }
        }
        return low
    }

    private func negatesNext(_ i: Int, _ c: borrowing Context) -> Bool {
        for j in (i + 1)...(i + 2) where j < c.count {
            if c.words[j].facts.contains(.valence) || c.words[j].state.contains(.riskStart) { return true }
            if c.words[j].state.contains(.boundaryAfter) { break }
        }
        return false
    }

    /// "Great, down again." — praise opening a sentence whose rest is negative is sarcasm. The
    /// opener is one of the sentence's first two words (it may follow an interjection: "Oh
    /// perfect, …"), the first of them that qualifies.
    private func applySarcasm(_ scored: inout [Scored], _ c: borrowing Context) {
        var lastSentence: Int32 = -1
        for k in scored.indices {
            let o = Int(scored[k].word)
            let word = c.words[o]
            guard word.sentence != lastSentence, scored[k].value > 0, word.facts.contains(.sarcasticOpener),
                  word.state.contains(.boundaryAfter) else { continue }
            let first = o == 0 || c.words[o - 1].sentence != word.sentence
            let second = !first && (o == 1 || c.words[o - 2].sentence != word.sentence)
            guard first || second else { continue }
            lastSentence = word.sentence
            var rest = 0.0
            var j = k + 1
            while j < scored.count && c.words[Int(scored[j].word)].sentence == word.sentence { rest += scored[j].value; j += 1 }
            if rest < 0 { scored[k].value *= Self.negationScalar }
        }
    }

    private func adjust(_ base: Double, at i: Int, _ c: borrowing Context) -> Double {
        var valence = base
        if shortNegated(at: i, c) { valence *= Self.negationScalar }
        if c.capsStandOut && c.words[i].state.contains(.caps) { valence += (valence > 0 ? 1 : -1) * Self.capsEmphasis }
        for distance in 1...Self.scopeWindow where i - distance >= 0 {
            let m = c.words[i - distance]
            // Modifiers do not reach across clause punctuation: "not cancelling, we love it".
            if m.state.contains(.boundaryAfter) { break }
            // A word with a sentiment of its own is not a modifier (VADER's rule), nor is a
            // word inside a phrase ("can't believe").
            guard !m.facts.contains(.valence), !m.state.contains(.inPhrase) else { continue }
            if m.facts.contains(.intensifier) {
                let boost = intensifierOf[Int(m.id)]
                var scalar = boost * Self.decay(distance)
                if c.capsStandOut && m.state.contains(.caps) { scalar += (boost > 0 ? 1 : -1) * Self.capsEmphasis }
                valence += (valence > 0 ? 1 : -1) * scalar
            }
            if neverSo(at: i, distance: distance, c) {
                valence *= Self.neverSoEmphasis
            } else if m.state.contains(.negator) {
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
            if (j..<i).contains(where: { c.words[$0].state.contains(.boundaryAfter) }) { return false }
            if c.words[j].facts.contains(.shortNegator) { return true }
        }
        // "no X or Y": the negation reaches across "or"/"nor".
        if i >= 3, c.words[i - 3].facts.contains(.shortNegator), c.words[i - 1].id == ruleWords.or || c.words[i - 1].id == ruleWords.nor,
           !(i - 3..<i).contains(where: { c.words[$0].state.contains(.boundaryAfter) }) {
            return true
        }
        return false
    }

    private func neverSo(at i: Int, distance: Int, _ c: borrowing Context) -> Bool {
        guard distance >= 2, c.words[i - distance].id == ruleWords.never else { return false }
        return (1..<distance).contains { c.words[i - $0].id == ruleWords.so || c.words[i - $0].id == ruleWords.this }
    }

    private static func punctuationEmphasis(_ text: NormalizedText) -> Double {
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
