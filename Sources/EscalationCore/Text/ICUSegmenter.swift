import CEscalationICU

public enum NormalizerError: Error, CustomStringConvertible {
    case icuUnavailable
    public var description: String { "ICU could not be initialised (is libicu installed?)" }
}

/// The ICU path of the normalizer: NFKC and NFKC_Casefold through ICU's normalizer, word
/// segments through its break iterator, each segment appended as tokens. The reference the
/// fast path is checked against, and what it hands the chunks it does not know.
///
/// Not thread-safe (it reuses one ICU break iterator and buffers): one per `Normalizer`.
final class ICUSegmenter {
    private let icu: OpaquePointer
    private var normBuffer: [UInt8] = []
    private var starts: [Int32] = []
    private var ends: [Int32] = []
    private var kinds: [UInt8] = []

    init() throws {
        guard let icu = esc_icu_open() else { throw NormalizerError.icuUnavailable }
        self.icu = icu
    }

    deinit { esc_icu_close(icu) }

    /// NFKC of `input` (case kept, so ALL CAPS survives for sentiment).
    func nfkc(_ input: inout [UInt8]) -> [UInt8] { normalizeBytes(&input, mode: Int32(ESC_NORM_NFKC)) }

    /// NFKC_Casefold of `input`.
    func fold(_ input: inout [UInt8]) -> [UInt8] { normalizeBytes(&input, mode: Int32(ESC_NORM_NFKC_CASEFOLD)) }

    private func normalizeBytes(_ input: inout [UInt8], mode: Int32) -> [UInt8] {
        if normBuffer.count < input.count * 3 + 16 { normBuffer = [UInt8](repeating: 0, count: input.count * 3 + 16) }
        var needed = callNormalize(&input, mode: mode)
        if needed > normBuffer.count {
            normBuffer = [UInt8](repeating: 0, count: Int(needed))
            needed = callNormalize(&input, mode: mode)
        }
        // ICU failure is not expected on repaired UTF-8; fall back to the input unchanged.
        guard needed >= 0 else { return input }
        return Array(normBuffer[0..<Int(needed)])
    }

    private func callNormalize(_ input: inout [UInt8], mode: Int32) -> Int32 {
        let cap = Int32(normBuffer.count)
        return input.withUnsafeBufferPointer { inp in
            normBuffer.withUnsafeMutableBufferPointer { out in
                esc_icu_normalize(icu, mode, inp.baseAddress, Int32(inp.count), out.baseAddress, cap)
            }
        }
    }

    /// Appends the tokens of NFKC `text`: chunks that are whole `emoticons` as one token each,
    /// the rest by ICU's word segments.
    func segment(_ text: [UInt8], emoticons: EmoticonTable, into result: inout TokenBuffer) {
        var count = callSegments(text)
        if count > starts.count {
            let n = Int(count)
            starts = [Int32](repeating: 0, count: n)
            ends = starts
            kinds = [UInt8](repeating: 0, count: n)
            count = callSegments(text)
        }
        guard count > 0 else { return }
        let emoticonChunks = emoticons.chunks(in: text)
        var nextChunk = 0
        for i in 0..<Int(count) {
            let start = Int(starts[i])
            while nextChunk < emoticonChunks.count && emoticonChunks[nextChunk].upperBound <= start { nextChunk += 1 }
            if nextChunk < emoticonChunks.count && emoticonChunks[nextChunk].contains(start) {
                let chunk = emoticonChunks[nextChunk]
                if start == chunk.lowerBound {
                    result.append(Token(String(decoding: text[chunk], as: UTF8.self).lowercased(), kind: .emoji))
                }
                continue
            }
            let slice = text[start..<Int(ends[i])]
            switch Int(kinds[i]) {
            case ESC_SEG_LETTER: appendWord(slice, kind: .word, to: &result)
            case ESC_SEG_NUMBER: appendWord(slice, kind: .number, to: &result)
            case ESC_SEG_IDEOGRAPH: appendWord(slice, kind: .ideograph, to: &result)
            default: appendNonWord(slice, to: &result)
            }
        }
    }

    private func callSegments(_ text: [UInt8]) -> Int32 {
        let cap = Int32(starts.count)
        return text.withUnsafeBufferPointer { inp in
            starts.withUnsafeMutableBufferPointer { s in
                ends.withUnsafeMutableBufferPointer { e in
                    kinds.withUnsafeMutableBufferPointer { k in
                        esc_icu_segments(icu, inp.baseAddress, Int32(inp.count),
                                         s.baseAddress, e.baseAddress, k.baseAddress, cap)
                    }
                }
            }
        }
    }

    /// Appends an ICU word segment, case-folded, straight as bytes (no `String` per token).
    private func appendWord(_ bytes: ArraySlice<UInt8>, kind: Token.Kind, to result: inout TokenBuffer) {
        var upper = 0, lower = 0
        var folded: [UInt8]
        if bytes.allSatisfy({ $0 < 0x80 }) {
            // ASCII: NFKC_Casefold of ASCII is plain lower-casing.
            folded = bytes.map { b in
                if b >= 0x41 && b <= 0x5A { upper += 1; return b + 0x20 }
                if b >= 0x61 && b <= 0x7A { lower += 1 }
                return b
            }
        } else {
            for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
                if scalar.properties.isUppercase { upper += 1 } else if scalar.properties.isLowercase { lower += 1 }
            }
            var raw = Array(bytes)
            folded = fold(&raw)
            // Curly apostrophes ("don’t", U+2019 = E2 80 99) must match lexicon entries written with '.
            var k = 0
            while k + 2 < folded.count {
                if folded[k] == 0xE2 && folded[k + 1] == 0x80 && folded[k + 2] == 0x99 { folded.replaceSubrange(k...(k + 2), with: [0x27]) }
                k += 1
            }
        }
        folded.withUnsafeBufferPointer { result.append($0, kind: kind, allCaps: upper >= 2 && lower == 0, id: Vocabulary.notLookedUp) }
    }

    private func appendNonWord(_ bytes: ArraySlice<UInt8>, to result: inout TokenBuffer) {
        // ASCII (spaces, most punctuation) is never emoji: bytes suffice.
        if bytes.allSatisfy({ $0 < 0x80 }) {
            for b in bytes { Normalizer.appendASCIIPunctuation(b, to: &result) }
            return
        }
        let segment = String(decoding: bytes, as: UTF8.self)
        var emoji = String.UnicodeScalarView()
        for scalar in segment.unicodeScalars {
            switch scalar {
            case "!": result.exclamationMarks += 1; result.append(Token("!", kind: .punctuation))
            case "?": result.questionMarks += 1; result.append(Token("?", kind: .punctuation))
            case ".", ",", ";", ":", "\u{3002}", "\u{FF0C}": result.append(Token(String(scalar), kind: .punctuation))
            // Spanish opening marks start a sentence: "Borró los datos, ¿qué hacemos?" holds a
            // statement and a question, not one long question.
            case "\u{BF}", "\u{A1}": result.append(Token(String(scalar), kind: .punctuation))
            default:
                if Emoji.isEmoji(scalar) || (!emoji.isEmpty && Emoji.joinsEmoji(scalar)) { emoji.append(scalar) }
            }
        }
        if !emoji.isEmpty {
            // Drop presentation selectors so 👍 and 👍️ are the same lexicon key.
            let key = String(String.UnicodeScalarView(emoji.filter { $0.value != 0xFE0F && $0.value != 0xFE0E }))
            result.append(Token(key, kind: .emoji))
        }
    }

}
