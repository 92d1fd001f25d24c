/// Text normalizer: NFKC, ICU word boundaries, NFKC_Casefold per token, with a fast path that
/// reproduces ICU for most text without calling it.
///
/// Not thread-safe (it reuses one ICU break iterator and buffers): make one per thread.
public final class Normalizer {
    private let icu: ICUSegmenter
    /// The fast path's output, reused from text to text.
    private var buffer = TokenBuffer()
    /// The last text returned, whose arrays the next one reuses if no one else holds them.
    private var recycled: NormalizedText?
    /// Emoticons to keep whole (":-(", "<3"), filled from the sentiment lexicon.
    public var emoticons: Set<String> {
        get { emoticonTable.emoticons }
        set {
            emoticonTable = EmoticonTable(newValue)
            (emoticonFirstBytes, emoticonLastBytes) = Self.endBytes(of: newValue)
            icuChunks.removeAll()  // their tokens depend on the emoticons
        }
    }
    private var emoticonTable = EmoticonTable()
    /// First and last bytes of the ASCII emoticons, one bit a byte: most chunks with a symbol
    /// ("ago.", "it,") start or end with a byte no emoticon has, and skip the table's search.
    private var emoticonFirstBytes = ByteSet(), emoticonLastBytes = ByteSet()
    private var icuChunks = ChunkCache()
    /// Bounds on the chunk cache (see `ChunkCache`).
    public static let maxCachedChunkBytes = ChunkCache.maxChunkBytes, maxCachedChunks = ChunkCache.maxChunks
    /// How many chunks are remembered now (never more than `maxCachedChunks`).
    public var rememberedChunks: Int { icuChunks.count }

    public init() throws {
        icu = try ICUSegmenter()
    }

    deinit {
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
        return String(decoding: icu.fold(&bytes), as: UTF8.self)
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
        icuChunks.use(vocabulary)
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
            if (b | 0x20) &- 0x61 < 26, let end = Self.appendPlainWord(bytes, from: i, to: &result, lookingUpIn: table) {
                if end == n { break }
                if bytes[end] == 0x20 { i = end &+ 1; continue }  // the space is skipped here
                resume = end
            }
            // Made here, not before the plain word, so most words pay nothing for it: that word
            // (if any) is the chunk's one token so far, its folded bytes as many as it read.
            let mark = result.mark(droppingLast: resume == i ? 0 : 1, bytes: resume &- i)
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
            if mayBeEmoticon(first: bytes[start], last: bytes[i &- 1]),
               let emoticon = emoticonTable.matchASCII(UnsafeBufferPointer(rebasing: bytes[start..<i])) {
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
        icu.segment(icu.nfkc(&input), emoticons: emoticonTable, into: &result)
        // Looked up here, once per distinct chunk, rather than by `Vocabulary.encode` each time.
        if let table { result.lookUpIDs(since: mark, in: table) }
        icuChunks.remember(input, result.tokens(since: mark))
    }

    /// Appends the pictograph at `i` (see `pictographLength`) as ICU's path does — an emoji
    /// token without the selector, or nothing if it is no emoji — and returns where it ends;
    /// nil if it is not one the fast path knows. Not inlined: rare, and the chunk loop stays small.
    @inline(never) private func appendPictograph(_ b: UnsafeBufferPointer<UInt8>, at i: Int, to result: inout TokenBuffer) -> Int? {
        guard let length = Emoji.pictographLength(b, at: i) else { return nil }
        let scalarBytes = UnsafeBufferPointer(rebasing: b[i..<(i + (b[i] == 0xE2 ? 3 : 4))])
        let scalar = String(decoding: scalarBytes, as: UTF8.self).unicodeScalars.first!
        if Emoji.isEmoji(scalar) { result.append(scalarBytes, kind: .emoji, allCaps: false, id: Vocabulary.notLookedUp) }
        return i + length
    }

    @inline(__always) static func isASCIISpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }

    /// ASCII bytes, one bit each.
    struct ByteSet {
        private var low: UInt64 = 0, high: UInt64 = 0
        mutating func insert(_ b: UInt8) {
            if b < 64 { low |= 1 &<< UInt64(b) } else if b < 128 { high |= 1 &<< UInt64(b &- 64) }
        }
        @inline(__always) func contains(_ b: UInt8) -> Bool {
            b < 64 ? low & (1 &<< UInt64(b)) != 0 : b < 128 && high & (1 &<< UInt64(b & 63)) != 0
        }
    }

    private static func endBytes(of emoticons: Set<String>) -> (first: ByteSet, last: ByteSet) {
        var first = ByteSet(), last = ByteSet()
        for e in emoticons where e.utf8.allSatisfy({ $0 < 0x80 }) {
            if let b = e.utf8.first { first.insert(b) }
            if let b = e.utf8.last { last.insert(b) }
        }
        return (first, last)
    }

    /// Whether a chunk of ASCII bytes with these ends may match an emoticon. Exact as a filter:
    /// `EmoticonTable.matchASCII` matches a chunk only if its text with A–Z lowered is an
    /// emoticon, whose ends are then the chunk's ends lowered.
    @inline(__always) private func mayBeEmoticon(first: UInt8, last: UInt8) -> Bool {
        @inline(__always) func lowered(_ b: UInt8) -> UInt8 { b &- 0x41 < 26 ? b | 0x20 : b }
        return emoticonFirstBytes.contains(lowered(first)) && emoticonLastBytes.contains(lowered(last))
    }

    /// The reference path: ICU for everything. The fast path must give the same tokens.
    public func normalizeWithICUOnly(_ text: String) -> NormalizedText {
        var input = Array(text.utf8)
        var result = TokenBuffer()
        defer { result.deallocate() }
        icu.segment(icu.nfkc(&input), emoticons: emoticonTable, into: &result)
        return result.make()
    }
}
