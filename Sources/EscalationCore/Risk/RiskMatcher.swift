/// One risk term found in a ticket.
public struct RiskHit: Sendable, Equatable {
    public var category: String
    /// The ticket's own words that matched (folded), e.g. "cancelling".
    public var matched: String
    /// Preceded by a negator in the same clause ("we are not cancelling"): reported, not counted.
    public var negated: Bool
    /// In an informational question, for a category that ignores those ("Is the SLA timer paused?").
    public var inQuestion: Bool = false
    /// Inside an exemption phrase ("cancel the export"): a harmless mention, never counted.
    public var exempt: Bool = false
    /// Index of the first matched token in `NormalizedText.tokens`.
    public var tokenIndex: Int = 0

    public init(category: String, matched: String, negated: Bool = false, inQuestion: Bool = false, tokenIndex: Int = 0) {
        self.category = category
        self.matched = matched
        self.negated = negated
        self.inQuestion = inQuestion
        self.tokenIndex = tokenIndex
    }

    /// Raises the priority: neither negated nor an informational question.
    public var counts: Bool { !negated && !inQuestion && !exempt }
}

/// Finds risk terms in normalized text, honouring exemptions and negation.
public final class RiskMatcher: Sendable, LexiconStage {
    public let lexicon: RiskLexicon
    public let modifiers: Modifiers
    public let vocabulary: Vocabulary
    /// How many words back a negator still applies. Three is VADER's window for the same
    /// job in sentiment ("not going to cancel"); longer windows start to catch other clauses.
    public let negationWindow = 3
    /// How many words before a hit an exemption may start: long exemptions ("!checkout|payment|…
    /// ... for ... one user") carry gaps that would otherwise make every hit try two dozen
    /// starting points. Eight covers every exemption phrase's words before its risk term.
    static let exemptionLead = 8

    private let terms: PhraseIndex<RiskLexicon.Term>
    private let exemptions: PhraseIndex<String>
    /// Per term entry: its category's number and whether negation and informational questions
    /// apply to it, so a hit compares no strings. Categories are numbered over terms and
    /// exemptions together (`exemptionCategory`, per exemption entry).
    private let termCategory: [Int32]
    private let termRules: [HitRules]
    private let exemptionCategory: [Int32]
    struct HitRules: OptionSet, Sendable {
        let rawValue: UInt8
        static let negatable = HitRules(rawValue: 1)
        static let ignoredInQuestions = HitRules(rawValue: 2)
    }
    /// Per vocabulary id: negates a following risk term; opens an informational question.
    private let negatesRisk: [Bool]
    private let questionOpener: [Bool]

    /// The words and stems risk matching looks up, for a vocabulary shared with other stages.
    public static func register(lexicon: RiskLexicon, modifiers: Modifiers, into builder: inout Vocabulary.Builder) {
        lexicon.terms.register(into: &builder)
        lexicon.exemptions.register(into: &builder)
        modifiers.register(into: &builder)
    }

    /// `vocabulary` must hold what `register` adds. A matcher over the same modifiers and
    /// vocabulary (`sharing`, built with the same modifiers) lends its per-word tables, which
    /// take a pass over every word.
    public convenience init(lexicon: RiskLexicon, modifiers: Modifiers, vocabulary: Vocabulary) {
        self.init(lexicon: lexicon, modifiers: modifiers, vocabulary: vocabulary, sharing: nil)
    }

    public init(lexicon: RiskLexicon, modifiers: Modifiers, vocabulary: Vocabulary, sharing other: RiskMatcher?) {
        self.lexicon = lexicon
        self.modifiers = modifiers
        self.vocabulary = vocabulary
        terms = lexicon.terms.index(vocabulary)
        exemptions = lexicon.exemptions.index(vocabulary)
        var number: [String: Int32] = [:]
        func category(_ name: String) -> Int32 {
            if let k = number[name] { return k }
            number[name] = Int32(number.count)
            return Int32(number.count - 1)
        }
        // Entries come grouped by category: each group's are looked up once.
        var last: (name: String, number: Int32, rules: HitRules)?
        var termCategory: [Int32] = [], termRules: [HitRules] = []
        termCategory.reserveCapacity(lexicon.terms.count)
        termRules.reserveCapacity(lexicon.terms.count)
        for (k, entry) in lexicon.terms.entries.enumerated() {
            let name = entry.payload.category
            if last?.name != name {
                var rules: HitRules = []
                if !lexicon.ignoresNegation.contains(name) { rules.insert(.negatable) }
                if lexicon.ignoredInQuestions.contains(name) { rules.insert(.ignoredInQuestions) }
                last = (name, category(name), rules)
            }
            termCategory.append(last!.number)
            termRules.append(lexicon.requests.contains(k) ? last!.rules.subtracting(.ignoredInQuestions) : last!.rules)
        }
        (self.termCategory, self.termRules) = (termCategory, termRules)
        var lastExemption: (name: String, number: Int32)?
        exemptionCategory = lexicon.exemptions.entries.map {
            if lastExemption?.name != $0.payload { lastExemption = ($0.payload, category($0.payload)) }
            return lastExemption!.number
        }
        if let other, other.vocabulary === vocabulary {
            (negatesRisk, questionOpener) = (other.negatesRisk, other.questionOpener)
            return
        }
        // By id, set from the modifier lists, not by asking about every vocabulary word (a
        // model's vocabulary has ~100k): only the "n't" suffix rule needs a pass over them all.
        var negatesRisk = vocabulary.words.map { Token.endsInNT($0) }
        var questionOpener = [Bool](repeating: false, count: vocabulary.count)
        for word in modifiers.negators.union(modifiers.shortNegators) {
            if let id = vocabulary.id(of: word) { negatesRisk[Int(id)] = true }
        }
        for word in modifiers.questionOpeners {
            if let id = vocabulary.id(of: word) { questionOpener[Int(id)] = true }
        }
        self.negatesRisk = negatesRisk
        self.questionOpener = questionOpener
    }

    public func hits(in text: NormalizedText) -> [RiskHit] {
        hits(in: vocabulary.encode(text))
    }

    /// A ticket's lexical words as matching reads them: token index, id, and the clause each sits
    /// in (punctuation starts a new clause). Built once per ticket for every matcher.
    public struct Words: Sendable {
        let tokenIndex: [Int]
        let ids: [Int32]
        let clause: [Int32]
        /// `WordView.windows` of these words, shared by every matcher.
        let windows: [UInt64]

        public init(_ encoded: EncodedText) {
            var currentClause: Int32 = 0
            (tokenIndex, ids, clause) = encoded.withTokenView { tokens in
                writeRows(capacity: tokens.count, blank: (0, Int32(0), Int32(0))) { out in
                    for t in 0..<tokens.count {
                        if tokens.isPunctuation(t) {
                            currentClause += 1
                        } else if tokens.isLexical(t) {
                            out.append(t, tokens.id(t), currentClause)
                        }
                    }
                }
            }
            windows = WordView.windows(encoded, tokenIndex)
        }
    }

    /// `encoded` must come from this matcher's vocabulary; `questions`, the informational-question
    /// mask, if already at hand (`SentimentAnalyzer.questionMask`).
    public func hits(in encoded: EncodedText, questions given: [Bool]? = nil) -> [RiskHit] {
        hits(in: encoded, words: Words(encoded), questions: given)
    }

    /// The same, with the ticket's `Words` already built (`Words(encoded)`).
    public func hits(in encoded: EncodedText, words lexical: Words, questions given: [Bool]? = nil) -> [RiskHit] {
        let text = encoded.text
        let (tokenIndex, ids) = (lexical.tokenIndex, lexical.ids)
        guard !tokenIndex.isEmpty else { return [] }
        let words = WordView(encoded, tokens: tokenIndex, ids: ids, windows: lexical.windows)
        let questions = lexicon.ignoredInQuestions.isEmpty ? [] : given ?? text.informationalQuestionMask { t in
            let id = encoded.ids[t]
            return id >= 0 && questionOpener[Int(id)]
        }

        var hits: [RiskHit] = [], spans: [(words: Range<Int>, category: Int32)] = []
        hits.reserveCapacity(8)  // a ticket's hits, most of the time: no regrowth
        spans.reserveCapacity(8)
        var i = 0
        while i < words.count {
            // Longest match wins, so "breach of contract" is legal, not security.
            guard let m = terms.longest(in: words, at: i) else { i += 1; continue }
            let span = m.start..<(m.start + m.length)
            let rules = termRules[m.entry]
            hits.append(RiskHit(category: terms.payload(m.entry).category, matched: matchedWords(span, ids, tokenIndex, text),
                                negated: rules.contains(.negatable) && isNegated(at: i, lexical, text),
                                inQuestion: rules.contains(.ignoredInQuestions) && questions[tokenIndex[i]],
                                tokenIndex: tokenIndex[i]))
            spans.append((span, termCategory[m.entry]))
            i += m.length
        }
        guard !hits.isEmpty, !exemptions.isEmpty else { return hits }

        // A harmless mention such as "legal entity" is kept, marked, for sentiment. Exemptions
        // apply to their own category only: "sla is breached" is no security hit, but an SLA one.
        // Only exemptions holding a whole hit matter: they start at most `exemptionLead` words
        // before it, and reach its end. Hits come in order and do not overlap, so each position
        // is tried at most once. A hit is exempt when its words are covered by its category's
        // exemptions found, together.
        var found: [(words: Range<Int>, category: Int32)] = []
        var tried = 0
        for (span, _) in spans {
            let from = max(tried, span.lowerBound - min(exemptions.maxSpan, Self.exemptionLead) + 1)
            tried = max(tried, span.lowerBound + 1)
            for i in from..<max(from, span.lowerBound + 1) {
                guard let m = exemptions.longest(in: words, at: i, reaching: span.upperBound - i) else { continue }
                found.append((m.start..<(m.start + m.length), exemptionCategory[m.entry]))
            }
        }
        guard !found.isEmpty else { return hits }
        for k in hits.indices {
            let (span, category) = spans[k]
            if span.allSatisfy({ j in found.contains { $0.category == category && $0.words.contains(j) } }) { hits[k].exempt = true }
        }
        return hits
    }

    /// The words of a hit as the ticket has them: a known single word is the vocabulary's own
    /// string (no decoding per hit).
    @inline(__always) private func matchedWords(_ span: Range<Int>, _ ids: [Int32], _ tokenIndex: [Int], _ text: NormalizedText) -> String {
        if span.count == 1, ids[span.lowerBound] >= 0 { return vocabulary.words[Int(ids[span.lowerBound])] }
        return text.words(tokenIndex[span])
    }

    /// Negators are looked up only around hits, which are rare.
    private func isNegated(at start: Int, _ words: Words, _ text: NormalizedText) -> Bool {
        func negator(_ j: Int) -> Bool {
            let id = words.ids[j]
            return id >= 0 ? negatesRisk[Int(id)] : text.endsInNT(words.tokenIndex[j])
        }
        // A term that itself begins with a negator ("not renew") carries its own polarity.
        if negator(start) { return false }
        var j = start - 1
        while j >= 0 && j >= start - negationWindow && words.clause[j] == words.clause[start] {
            if negator(j) { return true }
            j -= 1
        }
        return false
    }
}
