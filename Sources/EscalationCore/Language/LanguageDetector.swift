import CEscalationICU

/// Decides a ticket's language from its words: the script of its letters (ICU), then which
/// language's function words it uses ("der", "und", "nicht" for German). One look-up per word,
/// by vocabulary id, in a table of language bits; nothing is downloaded or trained.
public struct LanguageDetector: Sendable {
    /// Per vocabulary id: the languages that list the word among their function words.
    private let bits: [UInt8]

    /// A second language reads the ticket too when it has at least this many different function words
    /// and this share of the first's: one English sentence quoted in a German ticket does not
    /// switch on English, a bilingual ticket gets both.
    static let minimumWords: Int32 = 2  // `detect` counts distinct words up to two
    static let minimumShare = 1.0 / 3

    init(functionWords: [(Language, Set<String>)], vocabulary: Vocabulary) {
        var bits: [UInt8] = []
        for (language, words) in functionWords {
            for word in words {
                guard let id = vocabulary.id(of: word).map(Int.init) else { continue }
                if id >= bits.count { bits += repeatElement(0, count: id + 1 - bits.count) }
                bits[id] |= LanguageSet(language).rawValue
            }
        }
        self.bits = bits
    }

    /// The ticket's language and the lexicons that read it. No function word at all (a short
    /// "Outage!!!", "Danke!") reads with English's, which keep the commonest words of the other
    /// languages for that (loading every language for a two-word ticket would cost more than
    /// the ticket); letters mostly in a script none
    /// of our languages uses read with English (emoji, product names) and report the script's
    /// language where it is unambiguous.
    public func detect(_ encoded: EncodedText) -> DetectedLanguage {
        var counts = InlineArray<8, Int32>(repeating: 0)
        // Function words in capitals count only in a text mostly in capitals: elsewhere they are
        // codes and shouts ("DEN-PHL", "HA HA", "Y no extra plane"), not the other language.
        var inCapitals = InlineArray<8, Int32>(repeating: 0)
        var anyInCapitals = false
        let bits = self.bits
        encoded.withTokenView { tokens in
            // Only words have function-word bits (punctuation and unknown words have id -1,
            // numbers and symbols are no function word), so one table read per token decides.
            for t in 0..<tokens.count {
                let id = Int(tokens.id(t))
                guard id >= 0 && id < bits.count else { continue }
                var b = bits[id]
                guard b != 0 else { continue }
                let capitals = tokens.isAllCaps(t)
                if capitals { anyInCapitals = true }
                while b != 0 {
                    if capitals { inCapitals[b.trailingZeroBitCount] &+= 1 } else { counts[b.trailingZeroBitCount] &+= 1 }
                    b &= b &- 1
                }
            }
        }
        // Whether the text is mostly in capitals is counted only when it matters.
        if anyInCapitals && Self.mostlyCapitals(encoded) {
            for k in 0..<Language.allCases.count { counts[k] &+= inCapitals[k] }
        }
        if encoded.text.hasNonASCII, let byScript = Self.byScript(encoded.text) { return byScript }
        var best = 0
        for k in 1..<Language.allCases.count where counts[k] > counts[best] { best = k }
        guard counts[best] > 0 else { return DetectedLanguage(code: "und", lexicons: .english, primary: .en) }
        var set = LanguageSet(Language(rawValue: best)!)
        let floor = max(Self.minimumWords, Int32((Double(counts[best]) * Self.minimumShare).rounded(.up)))
        var candidates: UInt8 = 0
        for k in 0..<Language.allCases.count where k != best && counts[k] >= floor { candidates |= 1 << UInt8(k) }
        if candidates != 0 {
            let distinct = distinctWords(encoded, of: candidates)
            for k in 0..<Language.allCases.count where candidates & (1 << UInt8(k)) != 0 && distinct[k] >= Self.minimumWords {
                set.insert(LanguageSet(Language(rawValue: k)!))
            }
        }
        let primary = Language(rawValue: best)!
        return DetectedLanguage(code: primary.code, lexicons: set, primary: primary)
    }

    /// Distinct function words of each language in `languages` (bits by raw value), counted up
    /// to two (`minimumWords`): a second language joins only with two different ones, so "ha ha",
    /// "lga to den, then den" and "the Ya Ya Sisterhood" keep an English text English. A second
    /// pass, made only when some other language has enough function words to join (most
    /// tickets have none).
    private func distinctWords(_ encoded: EncodedText, of languages: UInt8) -> InlineArray<8, Int32> {
        var distinct = InlineArray<8, Int32>(repeating: 0)
        var first = InlineArray<8, Int32>(repeating: -1)
        let bits = self.bits
        encoded.withTokenView { tokens in
            for t in 0..<tokens.count {
                let id = Int(tokens.id(t))
                guard id >= 0 && id < bits.count else { continue }
                var d = bits[id] & languages
                while d != 0 {
                    let k = d.trailingZeroBitCount
                    if distinct[k] == 0 {
                        (distinct[k], first[k]) = (1, Int32(id))
                    } else if distinct[k] == 1 && first[k] != Int32(id) {
                        distinct[k] = 2
                    }
                    d &= d &- 1
                }
            }
        }
        return distinct
    }

    /// More than half the words are in capitals.
    private static func mostlyCapitals(_ encoded: EncodedText) -> Bool {
        var (words, capitals) = (0, 0)
        encoded.withTokenView { tokens in
            for t in 0..<tokens.count where tokens.kind(t) == .word {
                words += 1
                if tokens.isAllCaps(t) { capitals += 1 }
            }
        }
        return capitals * 2 > words
    }

    /// When most words are in a script none of our languages uses: its language where the script
    /// tells it, read with English (emoji, product names). Nil for Latin text.
    private static func byScript(_ text: NormalizedText) -> DetectedLanguage? {
        var latin = 0, other = 0
        var scripts = InlineArray<10, Int32>(repeating: 0)
        for t in 0..<text.count where text.kinds[t] == .word || text.kinds[t] == .ideograph {
            guard text.bytes[text.byteRange(of: t).lowerBound] >= 0x80 else { latin += 1; continue }
            let script = Int(esc_icu_script(text.firstScalar(of: t)))
            if script == ESC_SCRIPT_LATIN { latin += 1 } else if script != ESC_SCRIPT_OTHER { other += 1; scripts[script] += 1 }
        }
        guard other > latin else { return nil }
        return byScript(scripts)
    }

    private static func byScript(_ scripts: InlineArray<10, Int32>) -> DetectedLanguage {
        var code: StaticString = "und"
        if scripts[Int(ESC_SCRIPT_KANA)] > 0 { code = "ja" }
        else if scripts[Int(ESC_SCRIPT_HANGUL)] > 0 { code = "ko" }
        else {
            var best = 0
            for k in 1..<10 where scripts[k] > scripts[best] { best = k }
            switch best {
            case ESC_SCRIPT_HAN: code = "zh"
            case ESC_SCRIPT_GREEK: code = "el"
            case ESC_SCRIPT_HEBREW: code = "he"
            case ESC_SCRIPT_THAI: code = "th"
            default: code = "und"  // Cyrillic and Arabic script serve several languages each
            }
        }
        return DetectedLanguage(code: code, lexicons: .english, primary: .en)
    }
}
