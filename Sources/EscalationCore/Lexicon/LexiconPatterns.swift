extension Normalizer {
    /// Turns a lexicon term into pattern words by running it through the same ICU pipeline
    /// as ticket text, so "follow-up", "don’t" or "ＳＬＡ" in a lexicon match what tickets produce.
    ///
    /// Syntax per space-separated field: `stem*` (any ending), `a|b|c*` (any one of them),
    /// `...` (up to three words, for objects like "cancel ... meeting").
    public func pattern(_ term: String) -> [PatternWord] {
        // Read as bytes, with no substring or array per field: start-up turns every lexicon line
        // of every language into a pattern, tens of thousands of words.
        let utf8 = Array(term.utf8)
        var result: [PatternWord] = []
        var i = 0
        while i < utf8.count {
            if utf8[i] == 0x20 || utf8[i] == 0x09 { i += 1; continue }
            var end = i, choices = false
            while end < utf8.count && utf8[end] != 0x20 && utf8[end] != 0x09 {
                if utf8[end] == UInt8(ascii: "|") { choices = true }
                end += 1
            }
            let field = utf8[i..<end]
            if field.elementsEqual("...".utf8) {
                result.append(.gap(Self.maxGap))
            } else if choices {
                var options: [PatternWord] = []
                var from = i
                while from < end {
                    var to = from
                    while to < end && utf8[to] != UInt8(ascii: "|") { to += 1 }
                    if to > from, let option = singleWord(utf8[from..<to]) { options.append(option) }
                    from = to + 1
                }
                if !options.isEmpty { result.append(.anyOf(options)) }
            } else {
                appendWords(field, to: &result)
            }
            i = end
        }
        return result
    }

    /// How many words `...` may skip. Short, so matching stays linear and objects stay close.
    public static let maxGap = 3

    /// The pattern words of one field (`stem*` marks its last word a stem).
    private func appendWords(_ field: ArraySlice<UInt8>, to out: inout [PatternWord]) {
        if let word = Self.foldedWord(field) { out.append(word); return }
        let isStem = field.count > 1 && field.last == UInt8(ascii: "*")
        let words = normalize(String(decoding: isStem ? field.dropLast() : field, as: UTF8.self)).words
        for (k, w) in words.enumerated() { out.append(isStem && k == words.count - 1 ? .prefix(w) : .exact(w)) }
    }

    /// An alternative must be one word after normalization.
    private func singleWord(_ field: ArraySlice<UInt8>) -> PatternWord? {
        if let word = Self.foldedWord(field) { return word }
        var words: [PatternWord] = []
        appendWords(field, to: &words)
        return words.count == 1 ? words[0] : nil
    }

    /// A field that is one word normalization would leave as it is (`isFoldedWord`), as a
    /// pattern word; nil when it needs the normalizer.
    private static func foldedWord(_ field: ArraySlice<UInt8>) -> PatternWord? {
        let isStem = field.count > 1 && field.last == UInt8(ascii: "*")
        let text = isStem ? field.dropLast() : field
        guard isFoldedWord(text) else { return nil }
        let word = String(decoding: text, as: UTF8.self)
        return isStem ? .prefix(word) : .exact(word)
    }

    /// Lower-case letters a–z and à–ÿ (but ÷), nothing else: one word that normalization leaves
    /// as it is, so it needs no trip through the normalizer (most lexicon words, in every
    /// language we have; start-up reads thousands of them). ß is left out: it folds to "ss".
    static func isFoldedWord(_ text: Substring) -> Bool { isFoldedWord(text.utf8) }

    static func isFoldedWord<Bytes: Collection>(_ text: Bytes) -> Bool where Bytes.Element == UInt8 {
        var sawLatin1Lead = false
        for b in text {
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
}
