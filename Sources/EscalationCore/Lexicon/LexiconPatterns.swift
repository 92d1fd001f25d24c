extension Normalizer {
    /// Turns a lexicon term into pattern words by running it through the same ICU pipeline
    /// as ticket text, so "follow-up", "don’t" or "ＳＬＡ" in a lexicon match what tickets produce.
    ///
    /// Syntax per space-separated field: `stem*` (any ending), `a|b|c*` (any one of them),
    /// `...` (up to three words, for objects like "cancel ... meeting").
    public func pattern(_ term: String) -> [PatternWord] {
        var result: [PatternWord] = []
        for field in term.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            if field == "..." {
                result.append(.gap(Self.maxGap))
            } else if field.contains("|") {
                let options = field.split(separator: "|").compactMap { singleWord(String($0)) }
                if !options.isEmpty { result.append(.anyOf(options)) }
            } else {
                result += words(String(field))
            }
        }
        return result
    }

    /// How many words `...` may skip. Short, so matching stays linear and objects stay close.
    public static let maxGap = 3

    private func words(_ field: String) -> [PatternWord] {
        let isStem = field.count > 1 && field.hasSuffix("*")
        let words = normalize(String(isStem ? field.dropLast() : Substring(field))).words
        return words.enumerated().map { i, w in isStem && i == words.count - 1 ? .prefix(w) : .exact(w) }
    }

    /// An alternative must be one word after normalization.
    private func singleWord(_ field: String) -> PatternWord? {
        let w = words(field)
        return w.count == 1 ? w[0] : nil
    }
}
