/// One risk term found in a ticket.
public struct RiskHit: Sendable, Equatable {
    public var category: String
    /// The ticket's own words that matched (folded), e.g. "cancelling".
    public var matched: String
    /// Preceded by a negator in the same clause ("we are not cancelling"): reported, not counted.
    public var negated: Bool

    public init(category: String, matched: String, negated: Bool = false) {
        self.category = category
        self.matched = matched
        self.negated = negated
    }
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
        var currentClause = 0
        for token in text.tokens {
            if token.kind == .punctuation { currentClause += 1 } else if token.isLexical {
                words.append(token.text)
                clause.append(currentClause)
            }
        }
        guard !words.isEmpty else { return [] }

        // Exemptions apply to their own category only: "sla is breached" is no security hit,
        // but still an SLA one.
        var exempt: [String: [Bool]] = [:]
        for i in words.indices {
            for m in lexicon.exemptions.matches(in: words, at: i) {
                var covered = exempt[m.payload] ?? [Bool](repeating: false, count: words.count)
                for j in m.start..<(m.start + m.length) { covered[j] = true }
                exempt[m.payload] = covered
            }
        }

        var hits: [RiskHit] = []
        var i = 0
        while i < words.count {
            // Longest match wins, so "breach of contract" is legal, not security.
            guard let m = lexicon.terms.matches(in: words, at: i).first else { i += 1; continue }
            let span = m.start..<(m.start + m.length)
            if let covered = exempt[m.payload.category], span.allSatisfy({ covered[$0] }) {
                // A harmless mention such as "legal entity".
            } else {
                let matched = words[span].joined(separator: " ")
                hits.append(RiskHit(category: m.payload.category, matched: matched,
                                    negated: isNegated(at: i, words: words, clause: clause)))
            }
            i += m.length
        }
        return hits
    }

    private func isNegated(at start: Int, words: [String], clause: [Int]) -> Bool {
        // A term that itself begins with a negator ("not renew") carries its own polarity.
        if modifiers.negatesRisk(words[start]) { return false }
        var j = start - 1
        while j >= 0 && j >= start - negationWindow && clause[j] == clause[start] {
            if modifiers.negatesRisk(words[j]) { return true }
            j -= 1
        }
        return false
    }
}
