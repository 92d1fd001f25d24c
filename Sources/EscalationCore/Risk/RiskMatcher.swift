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
public struct RiskMatcher: Sendable {
    public var lexicon: RiskLexicon
    public var modifiers: Modifiers
    /// How many words back a negator still applies. Three is VADER's window for the same
    /// job in sentiment ("not going to cancel"); longer windows start to catch other clauses.
    public var negationWindow = 3

    public init(lexicon: RiskLexicon, modifiers: Modifiers) {
        self.lexicon = lexicon
        self.modifiers = modifiers
    }

    public func hits(in text: NormalizedText) -> [RiskHit] {
        // Lexical words, with the clause each sits in (punctuation starts a new clause).
        var words: [String] = []
        var clause: [Int] = []
        var tokenIndex: [Int] = []
        var currentClause = 0
        for (t, token) in text.tokens.enumerated() {
            if token.kind == .punctuation { currentClause += 1 } else if token.isLexical {
                words.append(token.text)
                clause.append(currentClause)
                tokenIndex.append(t)
            }
        }
        let questions = lexicon.ignoredInQuestions.isEmpty ? [] : text.informationalQuestionMask(openers: modifiers.questionOpeners)
        guard !words.isEmpty else { return [] }

        // Exemptions apply to their own category only: "sla is breached" is no security hit,
        // but still an SLA one.
        var exempt: [String: [Bool]] = [:]
        for i in words.indices {
            if let m = lexicon.exemptions.longest(in: words, at: i) {
                // Mutated in place (no copy of the array per match).
                for j in m.start..<(m.start + m.length) {
                    exempt[m.payload, default: [Bool](repeating: false, count: words.count)][j] = true
                }
            }
        }

        let negator = words.map { modifiers.negatesRisk($0) }  // one lookup per word, not per hit
        var hits: [RiskHit] = []
        var i = 0
        while i < words.count {
            // Longest match wins, so "breach of contract" is legal, not security.
            guard let m = lexicon.terms.longest(in: words, at: i) else { i += 1; continue }
            let span = m.start..<(m.start + m.length)
            do {
                let matched = words[span].joined(separator: " ")
                let category = m.payload.category
                hits.append(RiskHit(category: category, matched: matched,
                                    negated: isNegated(at: i, negator: negator, clause: clause),
                                    inQuestion: lexicon.ignoredInQuestions.contains(category) && questions[tokenIndex[i]],
                                    tokenIndex: tokenIndex[i]))
                // A harmless mention such as "legal entity" is kept, marked, for sentiment.
                if let covered = exempt[category], span.allSatisfy({ covered[$0] }) { hits[hits.count - 1].exempt = true }
            }
            i += m.length
        }
        return hits
    }

    private func isNegated(at start: Int, negator: [Bool], clause: [Int]) -> Bool {
        // A term that itself begins with a negator ("not renew") carries its own polarity.
        if negator[start] { return false }
        var j = start - 1
        while j >= 0 && j >= start - negationWindow && clause[j] == clause[start] {
            if negator[j] { return true }
            j -= 1
        }
        return false
    }
}
