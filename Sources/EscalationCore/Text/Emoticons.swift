/// Emoticons to keep whole (":-(", "<3"): ICU would split them into punctuation. One rule for
/// both tokenizer paths: an emoticon is a whole chunk — bytes between ASCII whitespace
/// (`Normalizer.isASCIISpace`: space, tab, LF, VT, FF, CR) — of 2–8 bytes, holding an ASCII
/// byte other than a letter or digit, whose lower-cased text is one of them.
struct EmoticonTable {
    let emoticons: Set<String>
    /// The ASCII ones as packed bytes, sorted: the fast path asks about many short chunks
    /// ("ago.", "2,"), and most are ruled out by one binary search, with no `String` made.
    private let asciiKeys: [UInt64]

    init(_ emoticons: Set<String> = []) {
        self.emoticons = emoticons
        asciiKeys = emoticons.compactMap { $0.utf8.allSatisfy { $0 < 0x80 } ? Self.packed($0.utf8) : nil }.sorted()
    }

    var isEmpty: Bool { emoticons.isEmpty }

    /// The chunk's folded form if it is an emoticon; `chunk` must be a whole chunk.
    func match<C: Collection<UInt8>>(_ chunk: C) -> String? {
        guard !emoticons.isEmpty, chunk.count >= 2, chunk.count <= 8,
              chunk.contains(where: { $0 < 0x80 && !Self.isLetterOrDigit($0) }) else { return nil }
        return chunk.allSatisfy({ $0 < 0x80 }) ? matchASCII(chunk) : matchText(chunk)
    }

    /// `match` of a whole chunk of 2–8 ASCII bytes known to hold a symbol: what the fast path
    /// asks of many short chunks ("ago.", "2,"), most ruled out by one binary search.
    @inline(__always) func matchASCII<C: Collection<UInt8>>(_ chunk: C) -> String? {
        var key: UInt64 = 0
        for b in chunk { key = key << 8 | UInt64(b >= 0x41 && b <= 0x5A ? b | 0x20 : b) }
        guard asciiKeys.sortedIndex(of: key) != nil else { return nil }
        // The packed key drops leading NUL bytes ("\0:(" packs as ":("): the text decides.
        return matchText(chunk)
    }

    private func matchText<C: Collection<UInt8>>(_ chunk: C) -> String? {
        let folded = String(decoding: chunk, as: UTF8.self).lowercased()
        return emoticons.contains(folded) ? folded : nil
    }

    /// Byte ranges of the chunks of `text` that are emoticons, in order.
    func chunks(in text: [UInt8]) -> [Range<Int>] {
        guard !emoticons.isEmpty else { return [] }
        var found: [Range<Int>] = []
        var i = 0
        while i < text.count {
            while i < text.count && Normalizer.isASCIISpace(text[i]) { i += 1 }
            let start = i
            while i < text.count && !Normalizer.isASCIISpace(text[i]) { i += 1 }
            if match(text[start..<i]) != nil { found.append(start..<i) }
        }
        return found
    }

    @inline(__always) private static func isLetterOrDigit(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A)
    }

    /// Up to 8 bytes packed into one integer.
    private static func packed<C: Collection<UInt8>>(_ bytes: C) -> UInt64? {
        guard bytes.count <= 8 else { return nil }
        return bytes.reduce(0) { $0 << 8 | UInt64($1) }
    }
}
