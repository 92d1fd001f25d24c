extension Normalizer {
    /// Turns a lexicon term into pattern words by running it through the same ICU pipeline
    /// as ticket text, so "follow-up", "don’t" or "ＳＬＡ" in a lexicon match what tickets produce.
    ///
    /// Syntax per space-separated field: `stem*` (any ending), `a|b|c*` (any one of them),
    /// `...` (up to three words, for objects like "cancel ... meeting").
    public func pattern(_ term: String) -> [PatternWord] {
        var result: [PatternWord] = []
        // Split on UTF-8 bytes: start-up turns every lexicon line of every language into a pattern.
        for field in term.utf8.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 }) {
            if field.elementsEqual("...".utf8) {
                result.append(.gap(Self.maxGap))
            } else if field.contains(UInt8(ascii: "|")) {
                let options = field.split(separator: UInt8(ascii: "|")).compactMap { singleWord(Substring($0)) }
                if !options.isEmpty { result.append(.anyOf(options)) }
            } else {
                result += words(Substring(field))
            }
        }
        return result
    }

    /// How many words `...` may skip. Short, so matching stays linear and objects stay close.
    public static let maxGap = 3

    private func words(_ field: Substring) -> [PatternWord] {
        let isStem = field.utf8.count > 1 && field.utf8.last == UInt8(ascii: "*")
        let text = isStem ? field.dropLast() : field
        if Self.isFoldedWord(text) { return [isStem ? .prefix(String(text)) : .exact(String(text))] }
        let words = normalize(String(text)).words
        return words.enumerated().map { i, w in isStem && i == words.count - 1 ? .prefix(w) : .exact(w) }
    }

    /// Lower-case letters a–z and à–ÿ (but ÷), nothing else: one word that normalization leaves
    /// as it is, so it needs no trip through the normalizer (most lexicon words, in every
    /// language we have; start-up reads thousands of them). ß is left out: it folds to "ss".
    static func isFoldedWord(_ text: Substring) -> Bool {
        var sawLatin1Lead = false
        for b in text.utf8 {
            if sawLatin1Lead {
                guard b >= 0xA0 && b <= 0xBF && b != 0xB7 else { return false }
                sawLatin1Lead = false
            } else if b == 0xC3 {
                sawLatin1Lead = true
            } else if b < UInt8(ascii: "a") || b > UInt8(ascii: "z") {
                return false
            }
        }
        return !text.isEmpty && !sawLatin1Lead
    }

    /// An alternative must be one word after normalization.
    private func singleWord(_ field: Substring) -> PatternWord? {
        let w = words(field)
        return w.count == 1 ? w[0] : nil
    }
}
