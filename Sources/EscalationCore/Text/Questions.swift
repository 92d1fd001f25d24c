extension NormalizedText {
    /// Per token: does it sit in an informational question — a sentence ending in "?" that
    /// opens with one of `openers` ("How do I cancel one seat?", "Is the SLA timer paused?")?
    /// "Why is the site down again?" opens with no opener, so it stays a complaint.
    public func informationalQuestionMask(openers: Set<String>) -> [Bool] {
        var mask = [Bool](repeating: false, count: tokens.count)
        guard !openers.isEmpty else { return mask }
        var sentenceStart = 0
        for (i, token) in tokens.enumerated() where token.kind == .punctuation || i == tokens.count - 1 {
            let isEnd = token.kind == .punctuation && [".", "!", "?", "。"].contains(token.text)
            guard isEnd || i == tokens.count - 1 else { continue }
            if token.text == "?", let first = tokens[sentenceStart...i].first(where: \.isLexical), openers.contains(first.text) {
                for j in sentenceStart...i { mask[j] = true }
            }
            sentenceStart = i + 1
        }
        return mask
    }
}
