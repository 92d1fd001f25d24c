extension Normalizer {
    /// Turns a lexicon term into pattern words by running it through the same ICU pipeline
    /// as ticket text, so "follow-up", "don’t" or "ＳＬＡ" in a lexicon match what tickets produce.
    /// A trailing `*` on a space-separated word makes its last token a stem.
    public func pattern(_ term: String) -> [PatternWord] {
        var result: [PatternWord] = []
        for field in term.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            let isStem = field.count > 1 && field.hasSuffix("*")
            let words = normalize(String(isStem ? field.dropLast() : field)).words
            for (i, w) in words.enumerated() {
                result.append(isStem && i == words.count - 1 ? .prefix(w) : .exact(w))
            }
        }
        return result
    }
}
