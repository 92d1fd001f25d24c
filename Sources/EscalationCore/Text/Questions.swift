extension NormalizedText {
    /// Per token: does it sit in an informational question — a sentence ending in "?" whose
    /// first word is an opener ("How do I cancel one seat?", "Is the SLA timer paused?")?
    /// "Why is the site down again?" opens with no opener, so it stays a complaint.
    /// `isOpener` is asked about token indices (the caller knows the words by id).
    public func informationalQuestionMask(isOpener: (Int) -> Bool) -> [Bool] {
        var mask = [Bool](repeating: false, count: tokens.count)
        var sentenceStart = 0
        for (i, token) in tokens.enumerated() where token.kind == .punctuation || i == tokens.count - 1 {
            guard token.endsSentence || i == tokens.count - 1 else { continue }
            if token.kind == .punctuation && token.text == "?",
               let first = tokens[sentenceStart...i].firstIndex(where: \.isLexical), isOpener(first) {
                for j in sentenceStart...i { mask[j] = true }
            }
            sentenceStart = i + 1
        }
        return mask
    }
}

extension Token {
    /// Sentence-final punctuation: . ! ? and the ideographic full stop.
    public var endsSentence: Bool {
        kind == .punctuation && (text == "." || text == "!" || text == "?" || text == "\u{3002}")
    }
}
