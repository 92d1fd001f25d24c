/// The non-ASCII characters the fast path tokenizes without ICU — pictographs, curly double
/// quotes, full-width forms — and what counts as emoji. Tests compare each with ICU.
enum Emoji {
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

    static func isEmoji(_ s: Unicode.Scalar) -> Bool {
        s.properties.isEmojiPresentation || (s.properties.isEmoji && s.value > 0x2000)
    }

    static func joinsEmoji(_ s: Unicode.Scalar) -> Bool {
        s.value == 0x200D || s.properties.isEmojiModifier || s.value == 0xFE0F
    }
}

extension Normalizer {
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
}
