import CEscalationICU

public enum NormalizerError: Error, CustomStringConvertible {
    case icuUnavailable
    public var description: String { "ICU could not be initialised (is libicu installed?)" }
}

/// ICU-backed text normalizer: NFKC, ICU word boundaries, NFKC_Casefold per token.
///
/// Not thread-safe (it reuses one ICU break iterator and buffers): make one per thread.
public final class Normalizer {
    private let icu: OpaquePointer
    private var normBuffer: [UInt8] = []
    private var starts: [Int32] = []
    private var ends: [Int32] = []
    private var kinds: [UInt8] = []
    /// The fast path's output, reused from text to text.
    private var buffer = TokenBuffer()
    /// The last text returned, whose arrays the next one reuses if no one else holds them.
    private var recycled: NormalizedText?
    /// Emoticons to keep whole (":-(", "<3"): ICU would split them into punctuation.
    /// Filled from the sentiment lexicon; matched against whitespace-separated chunks.
    public var emoticons: Set<String> = [] {
        didSet {
            icuChunks.removeAll()  // their tokens depend on the emoticons
            hasEmoticons = !emoticons.isEmpty
            emoticonKeys = emoticons.compactMap { Self.packed($0.utf8) }.sorted()
        }
    }
    private var hasEmoticons = false
    /// Emoticons as packed bytes, sorted: the fast path checks many short chunks ("ago.", "2,").
    private var emoticonKeys: [UInt64] = []
    /// What the ICU path made of recent chunks, by their bytes: a chunk is tokenized the same
    /// wherever it stands, and the chunks ICU must read recur (names, sign-offs, set phrases on
    /// a line of their own), each costing tens of thousands of instructions through ICU.
    private var icuChunks: [[UInt8]: ChunkTokens] = [:]
    /// The vocabulary whose ids the remembered tokens carry (nil: none looked up).
    private var icuChunksVocabulary: ObjectIdentifier?
    /// Bounds on the cache: chunks longer than this are not kept, and the cache starts over when
    /// full. An entry holds at most 256 bytes twice and 10 bytes a token (a token takes a byte or
    /// more): about 2.5 KB, so 2.5 MB a thread at worst and far less for ordinary text.
    public static let maxCachedChunkBytes = 256, maxCachedChunks = 1024
    /// How many chunks are remembered now (never more than `maxCachedChunks`).
    public var rememberedChunks: Int { icuChunks.count }

    public init() throws {
        guard let icu = esc_icu_open() else { throw NormalizerError.icuUnavailable }
        self.icu = icu
    }

    deinit {
        esc_icu_close(icu)
        buffer.deallocate()
    }

    /// `normalize(_:)`, with each token's id in `vocabulary` found on the way (for `Vocabulary.encode`).
    public func normalize(_ text: String, vocabulary: Vocabulary) -> NormalizedText {
        var text = text
        return text.withUTF8 { normalize($0, lookingUpIn: vocabulary) }
    }

    /// `normalize(_:vocabulary:)` of valid UTF-8.
    public func normalize(utf8 text: [UInt8], vocabulary: Vocabulary) -> NormalizedText {
        text.withUnsafeBufferPointer { normalize($0, lookingUpIn: vocabulary) }
    }

    /// NFKC_Casefold of a whole string (used for lexicon entries and corpus text).
    public func fold(_ text: String) -> String {
        var bytes = Array(text.utf8)
        return String(decoding: normalizeBytes(&bytes, mode: Int32(ESC_NORM_NFKC_CASEFOLD)), as: UTF8.self)
    }

    /// Tokens of `text`. Word boundaries never cross ASCII whitespace, so the text is cut into
    /// whitespace-separated chunks: chunks of ASCII and Latin-1 letters (most of them), and of
    /// full-width forms read as the ASCII NFKC makes of them, take a fast path that reproduces
    /// ICU's word-break rules and folding for these characters (checked against ICU by tests and
    /// the normalizer fuzz target); the rest go through ICU (NFKC, then the word-break iterator).
    public func normalize(_ text: String) -> NormalizedText {
        var text = text
        return text.withUTF8 { normalize($0, lookingUpIn: nil) }
    }

    private func normalize(_ bytes: UnsafeBufferPointer<UInt8>, lookingUpIn vocabulary: Vocabulary?) -> NormalizedText {
        var result = buffer
        result.reset()
        let table = vocabulary?.table
        rememberChunks(for: vocabulary)
        let n = bytes.count
        // Enough for the fast path (its folding never lengthens text, each token takes a
        // byte); the ICU path reserves what it needs and the room is renewed after it.
        result.reserve(tokens: n, bytes: n)
        var i = 0
        while i < n {
            let b = bytes[i]
            if Self.isASCIISpace(b) { i += 1; continue }
            // Most chunks are one plain word ("the", "We"), ending at a space: appended here, with
            // none of a general chunk's bookkeeping. If the chunk goes on ("ago.", "we're"), the
            // rest is read as part of the same chunk.
            var resume = i
            let mark = result.mark
            if (b | 0x20) &- 0x61 < 26, let end = Self.appendPlainWord(bytes, from: i, to: &result, lookingUpIn: table) {
                if end == n { break }
                if bytes[end] == 0x20 { i = end &+ 1; continue }  // the space is skipped here
                resume = end
            }
            if let end = appendFastChunk(bytes, chunkStart: i, from: resume, mark: mark, to: &result, lookingUpIn: table) {
                i = end
                continue
            }
            let start = i
            while i < n && !Self.isASCIISpace(bytes[i]) { i += 1 }
            appendSlowChunk(UnsafeBufferPointer(rebasing: bytes[start..<i]), to: &result, lookingUpIn: table)
            result.reserve(tokens: n - i, bytes: n - i)
        }
        // The last text's arrays are refilled when its user has let go of them (the scoring
        // path does, ticket after ticket): five allocations fewer per text.
        var normalized = recycled ?? NormalizedText()
        recycled = nil
        result.make(into: &normalized)
        recycled = result.isOrdinarySize ? normalized : nil
        result.shrinkIfLarge()
        buffer = result  // it may have grown, or given its storage back
        return normalized
    }

    /// Tokenizes the whitespace-free chunk at `start` without ICU and returns where it ends; or
    /// returns nil, rewound to `mark` (where the chunk's tokens begin), if it holds a character
    /// only ICU handles. Reading starts at `resume`: the caller may have appended a plain word
    /// from `start` already. The fast path knows ASCII and the Latin-1 letters À–ÿ (but ß,
    /// which folds to "ss").
    @inline(__always) private func appendFastChunk(_ bytes: UnsafeBufferPointer<UInt8>, chunkStart start: Int, from resume: Int,
                                                   mark: TokenBuffer.Mark, to result: inout TokenBuffer,
                                                   lookingUpIn table: ByteTable?) -> Int? {
        let n = bytes.count
        var i = resume
        var symbols = false, latin1 = false, curlyQuotes = false, emoji = false
        while i < n {
            let b = bytes[i]
            if (b | 0x20) &- 0x61 < 26, let end = Self.appendPlainWord(bytes, from: i, to: &result, lookingUpIn: table) {
                i = end
            } else if Self.startsASCIIWord(b) || (b == 0xC3 && Self.isLatin1Letter(bytes, at: i)) {
                i = Self.appendASCIIWord(bytes, from: i, to: &result, lookingUpIn: table, symbols: &symbols, latin1: &latin1)
            } else if b == 0xE2 && Self.isCurlyDoubleQuote(bytes, at: i) {
                // Segments of their own that make no token, as ASCII '"' does.
                curlyQuotes = true
                i += 3
            } else if b >= 0xE2, let end = appendPictograph(bytes, at: i, to: &result) {
                emoji = true
                i = end
            } else if b >= 0x80 {
                result.rewind(to: mark)
                return nil
            } else if Self.isASCIISpace(b) {
                break
            } else {
                Self.appendASCIIPunctuation(b, to: &result)
                symbols = true
                i += 1
            }
        }
        if symbols && i - start >= 2 && i - start <= 8 {
            // Emoticons with non-ASCII characters in them are left to ICU's path.
            if latin1 || curlyQuotes || emoji {
                result.rewind(to: mark)
                return nil
            }
            if let emoticon = emoticon(UnsafeBufferPointer(rebasing: bytes[start..<i])) {
                result.rewind(to: mark)
                result.append(Token(emoticon, kind: .emoji))
            }
        }
        return i
    }

    /// A chunk the fast path left: full-width forms, or the ICU path (NFKC, then word breaks),
    /// whose result for the same bytes is remembered. Out of line, so the main loop stays small
    /// enough for the compiler to inline the fast path into it.
    @inline(never) private func appendSlowChunk(_ chunk: UnsafeBufferPointer<UInt8>, to result: inout TokenBuffer,
                                                lookingUpIn table: ByteTable?) {
        // Full-width forms ("ＡＳＡＰ!") are ASCII after NFKC, and tokenized as that ASCII.
        if let ascii = Self.fullwidthAsASCII(chunk),
           ascii.withUnsafeBufferPointer({ appendFastChunk($0, chunkStart: 0, from: 0, mark: result.mark, to: &result, lookingUpIn: table) }) != nil {
            return
        }
        var input = Array(chunk)
        if let known = icuChunks[input] {
            result.replay(known)
            return
        }
        let mark = result.mark
        // NFKC first (case kept, so ALL CAPS survives for sentiment); fold per token later.
        let nfkc = normalizeBytes(&input, mode: Int32(ESC_NORM_NFKC))
        segment(nfkc, into: &result)
        // Looked up here, once per distinct chunk, rather than by `Vocabulary.encode` each time.
        if let table { result.lookUpIDs(since: mark, in: table) }
        remember(input, result.tokens(since: mark))
    }

    /// Byte length of the pictograph at `i`, with a U+FE0F (emoji presentation) after it, if
    /// it is one the fast path knows; else nil. These are word-break class Extended_Pictographic
    /// (a segment each, the selector attached, joined to nothing), unchanged by NFKC: U+2600–U+27BF
    /// and the emoji blocks U+1F300–U+1F6FF, U+1F900–U+1F9FF, U+1FA70–U+1FAFF but the skin-tone
    /// modifiers U+1F3FB–U+1F3FF (which attach). Tests compare every one of them with ICU.
    static func pictographLength(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        let length: Int
        if b[i] == 0xE2 {
            // U+2600–U+27BF: E2 98 80 – E2 9E BF.
            guard i + 2 < b.count, b[i + 1] >= 0x98, b[i + 1] <= 0x9E, b[i + 2] & 0xC0 == 0x80 else { return nil }
            length = 3
        } else if b[i] == 0xF0 {
            guard i + 3 < b.count, b[i + 1] == 0x9F, b[i + 2] & 0xC0 == 0x80, b[i + 3] & 0xC0 == 0x80 else { return nil }
            // U+1F300–U+1F6FF: F0 9F 8C 80 – F0 9F 9B BF; U+1F900–U+1F9FF: F0 9F A4 80 – F0 9F A7 BF;
            // U+1FA70–U+1FAFF: F0 9F A9 B0 – F0 9F AB BF; skin tones U+1F3FB–U+1F3FF: F0 9F 8F BB–BF.
            let (third, fourth) = (b[i + 2], b[i + 3])
            let inBlocks = (third >= 0x8C && third <= 0x9B) || (third >= 0xA4 && third <= 0xA7)
                || (third == 0xA9 && fourth >= 0xB0) || third == 0xAA || third == 0xAB
            guard inBlocks, !(third == 0x8F && fourth >= 0xBB) else { return nil }
            length = 4
        } else {
            return nil
        }
        // An emoji presentation selector (EF B8 8F) belongs to the pictograph before it.
        let selector = i + length + 2 < b.count && b[i + length] == 0xEF && b[i + length + 1] == 0xB8 && b[i + length + 2] == 0x8F
        return selector ? length + 3 : length
    }

    /// Appends the pictograph at `i` (see `pictographLength`) as ICU's path does — an emoji
    /// token without the selector, or nothing if it is no emoji — and returns where it ends;
    /// nil if it is not one the fast path knows. Not inlined: rare, and the chunk loop stays small.
    @inline(never) private func appendPictograph(_ b: UnsafeBufferPointer<UInt8>, at i: Int, to result: inout TokenBuffer) -> Int? {
        guard let length = Self.pictographLength(b, at: i) else { return nil }
        let scalarBytes = UnsafeBufferPointer(rebasing: b[i..<(i + (b[i] == 0xE2 ? 3 : 4))])
        let scalar = String(decoding: scalarBytes, as: UTF8.self).unicodeScalars.first!
        if Self.isEmoji(scalar) { result.append(scalarBytes, kind: .emoji, allCaps: false, id: Vocabulary.notLookedUp) }
        return i + length
    }

    /// “ or ” (U+201C, U+201D) at `i`: word-break class Other (unlike ASCII '"', they join
    /// nothing), left alone by NFKC_Casefold, and no token is kept for them.
    @inline(__always) static func isCurlyDoubleQuote(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        i + 2 < b.count && b[i + 1] == 0x80 && (b[i + 2] == 0x9C || b[i + 2] == 0x9D)
    }

    /// The chunk as ASCII if it is ASCII and full-width forms U+FF01–U+FF5E only (NFKC maps
    /// each of those to the ASCII character 0xFEE0 below it).
    static func fullwidthAsASCII(_ chunk: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(chunk.count)
        var i = 0
        while i < chunk.count {
            let b = chunk[i]
            if b < 0x80 { out.append(b); i += 1; continue }
            guard b == 0xEF, i + 2 < chunk.count else { return nil }
            let scalar = (UInt32(b & 0x0F) << 12) | (UInt32(chunk[i + 1] & 0x3F) << 6) | UInt32(chunk[i + 2] & 0x3F)
            guard chunk[i + 1] & 0xC0 == 0x80, chunk[i + 2] & 0xC0 == 0x80, scalar >= 0xFF01, scalar <= 0xFF5E else { return nil }
            out.append(UInt8(scalar - 0xFEE0))
            i += 3
        }
        return out
    }

    @inline(__always) static func isASCIISpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }

    /// The reference path: ICU for everything. The fast path must give the same tokens.
    public func normalizeWithICUOnly(_ text: String) -> NormalizedText {
        var input = Array(text.utf8)
        var result = TokenBuffer()
        defer { result.deallocate() }
        segment(normalizeBytes(&input, mode: Int32(ESC_NORM_NFKC)), into: &result)
        return result.make()
    }

    /// The chunk's folded form if it is a known emoticon (2–8 ASCII bytes; the caller has seen a
    /// symbol among them).
    private func emoticon(_ chunk: UnsafeBufferPointer<UInt8>) -> String? {
        guard hasEmoticons, chunk.count >= 2, chunk.count <= 8 else { return nil }
        var key: UInt64 = 0
        for b in chunk { key = key << 8 | UInt64(b >= 0x41 && b <= 0x5A ? b | 0x20 : b) }
        guard Self.contains(emoticonKeys, key) else { return nil }
        return String(decoding: chunk, as: UTF8.self).lowercased()
    }

    /// Up to 8 bytes packed into one integer (ASCII bytes are never 0, so lengths cannot collide).
    private static func packed<C: Collection<UInt8>>(_ bytes: C) -> UInt64? {
        guard bytes.count <= 8 else { return nil }
        return bytes.reduce(0) { $0 << 8 | UInt64($1) }
    }

    private static func contains(_ sorted: [UInt64], _ key: UInt64) -> Bool {
        var low = 0, high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] < key { low = mid + 1 } else { high = mid }
        }
        return low < sorted.count && sorted[low] == key
    }

    /// Forgets the remembered chunks if their ids were looked up in another vocabulary (or none).
    /// Out of line, as `appendSlowChunk` is.
    @inline(never) private func rememberChunks(for vocabulary: Vocabulary?) {
        let owner = vocabulary.map(ObjectIdentifier.init)
        guard owner != icuChunksVocabulary else { return }
        icuChunks.removeAll()
        icuChunksVocabulary = owner
    }

    private func remember(_ chunk: [UInt8], _ tokens: ChunkTokens) {
        guard chunk.count <= Self.maxCachedChunkBytes else { return }
        if icuChunks.count >= Self.maxCachedChunks { icuChunks.removeAll(keepingCapacity: true) }
        icuChunks[chunk] = tokens
    }

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

    private func segment(_ text: [UInt8], into result: inout TokenBuffer) {
        var count = callSegments(text)
        if count > starts.count {
            let n = Int(count)
            starts = [Int32](repeating: 0, count: n)
            ends = starts
            kinds = [UInt8](repeating: 0, count: n)
            count = callSegments(text)
        }
        guard count > 0 else { return }
        let emoticonChunks = emoticons.isEmpty ? [] : findEmoticons(text)
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

    /// Byte ranges of whitespace-separated chunks that are known emoticons.
    private func findEmoticons(_ text: [UInt8]) -> [Range<Int>] {
        var found: [Range<Int>] = []
        var i = 0
        while i < text.count {
            while i < text.count && (text[i] == 0x20 || text[i] == 0x09 || text[i] == 0x0A || text[i] == 0x0D) { i += 1 }
            let start = i
            var hasPunctuation = false
            while i < text.count && !(text[i] == 0x20 || text[i] == 0x09 || text[i] == 0x0A || text[i] == 0x0D) {
                let b = text[i]
                if b < 0x80 && !(b >= 0x30 && b <= 0x39) && !((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A) { hasPunctuation = true }
                i += 1
            }
            // Emoticons are short ASCII symbol runs; checking only those keeps this cheap.
            if hasPunctuation && i - start >= 2 && i - start <= 8,
               emoticons.contains(String(decoding: text[start..<i], as: UTF8.self).lowercased()) {
                found.append(start..<i)
            }
        }
        return found
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
            folded = normalizeBytes(&raw, mode: Int32(ESC_NORM_NFKC_CASEFOLD))
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
            for b in bytes { Self.appendASCIIPunctuation(b, to: &result) }
            return
        }
        let segment = String(decoding: bytes, as: UTF8.self)
        var emoji = String.UnicodeScalarView()
        for scalar in segment.unicodeScalars {
            switch scalar {
            case "!": result.exclamationMarks += 1; result.append(Token("!", kind: .punctuation))
            case "?": result.questionMarks += 1; result.append(Token("?", kind: .punctuation))
            case ".", ",", ";", ":", "\u{3002}", "\u{FF0C}": result.append(Token(String(scalar), kind: .punctuation))
            default:
                if Self.isEmoji(scalar) || (!emoji.isEmpty && Self.joinsEmoji(scalar)) { emoji.append(scalar) }
            }
        }
        if !emoji.isEmpty {
            // Drop presentation selectors so 👍 and 👍️ are the same lexicon key.
            let key = String(String.UnicodeScalarView(emoji.filter { $0.value != 0xFE0F && $0.value != 0xFE0E }))
            result.append(Token(key, kind: .emoji))
        }
    }

    private static func isEmoji(_ s: Unicode.Scalar) -> Bool {
        s.properties.isEmojiPresentation || (s.properties.isEmoji && s.value > 0x2000)
    }

    private static func joinsEmoji(_ s: Unicode.Scalar) -> Bool {
        s.value == 0x200D || s.properties.isEmojiModifier || s.value == 0xFE0F
    }
}
