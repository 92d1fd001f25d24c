/// VADER-style compound sentiment in [-1, 1] over normalized tokens.
///
/// The rules and VADER's constants are in SentimentRules.swift, the per-ticket words they read
/// in SentimentWords.swift; README "About the scoring" explains how they combine.
public final class SentimentAnalyzer: Sendable, LexiconStage {
    public let lexicon: SentimentLexicon
    public let modifiers: Modifiers
    public let vocabulary: Vocabulary

    /// By vocabulary id, up to the last id with facts (shared vocabularies hold many more words).
    let facts: [Facts]
    let valenceOf: [Double]
    let intensifierOf: [Double]
    let phrases: PhraseIndex<Double>
    /// Some phrase starts with a gap, so a phrase may start at any word (none of the shipped
    /// lexicons' do): then `score` tries phrases at every word, not only at `.mayStartPhrase` ones.
    let phrasesStartAnywhere: Bool
    let ruleWords: RuleWords

    /// The words and stems sentiment looks up, for a vocabulary shared with other stages.
    public static func register(lexicon: SentimentLexicon, modifiers: Modifiers, into builder: inout Vocabulary.Builder) {
        builder.add(lexicon.words.keys.sorted())
        lexicon.phrases.register(into: &builder)
        modifiers.register(into: &builder)
        builder.add(RuleWords.list)
    }

    /// `vocabulary` must hold what `register` adds.
    public init(lexicon: SentimentLexicon, modifiers: Modifiers, vocabulary: Vocabulary) {
        self.lexicon = lexicon
        self.modifiers = modifiers
        self.vocabulary = vocabulary
        var facts: [Facts] = [], valences: [Double] = [], intensifiers: [Double] = []
        func update(_ word: String, _ fact: Facts, value: Double = 0) {
            guard let id = vocabulary.id(of: word).map(Int.init) else { return }
            update(id: id, fact, value: value)
        }
        func update(id: Int, _ fact: Facts, value: Double = 0) {
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
        let phrases = lexicon.phrases.index(vocabulary)
        for id in phrases.startingIDs { update(id: Int(id), .mayStartPhrase) }
        phrasesStartAnywhere = phrases.startsAnywhere
        self.phrases = phrases
        self.facts = facts
        valenceOf = valences
        intensifierOf = intensifiers
        let id = { (w: String) in vocabulary.id(of: w) ?? -2 }
        ruleWords = RuleWords(least: id("least"), at: id("at"), very: id("very"), never: id("never"),
                              so: id("so"), this: id("this"), or: id("or"), nor: id("nor"))
    }

    @inline(__always) func facts(_ id: Int32) -> Facts {
        id >= 0 && Int(id) < facts.count ? facts[Int(id)] : []
    }


    /// Per token: inside an informational question (see `informationalQuestionMask`). Risk
    /// matching needs the same mask, so `Escalator` computes it once and hands it to both.
    public func questionMask(_ encoded: EncodedText) -> [Bool] {
        encoded.text.informationalQuestionMask { t in facts(encoded.ids[t]).contains(.questionOpener) }
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


    /// Sum (in word order, as VADER adds them) with punctuation emphasis, squashed into [-1, 1].
    private static func compound(of scored: [Scored], _ text: NormalizedText) -> Double {
        var sum = 0.0
        for s in scored { sum += s.value }
        if sum != 0 { sum += (sum > 0 ? 1 : -1) * punctuationEmphasis(text) }
        return normalize(sum)
    }
}
