/// Word segmentation of whitespace-free ASCII runs, following the UAX #29 word-boundary rules
/// that ICU applies to these characters, so the result equals ICU's (tests compare the two):
///   letters (ICU 72 counts "@" as one, for e-mail addresses), digits and "_" join (WB5, WB8–WB10, WB13a/b);
///   letter ("." | "'") letter joins (WB6/WB7; ICU's root rules leave ":" out);
///   digit ("," | ";" | "." | "'") digit joins (WB11/WB12);
///   everything else is a one-character non-word segment.
/// ICU reports a word as a number when its last letter-or-digit is a digit ("v2", "a9"), as here.
/// The Latin-1 letters À–ÿ (but × ÷ ß) are letters to these rules like a–z (`isLatin1Letter`).
extension Normalizer {
    private enum ASCIIClass: UInt8 { case other, letter, digit, extendNumLet, midNumLetQ, midNum }

    /// A switch, not a lookup array: a shared global array would be retained and released by
    /// every scoring thread at every chunk, and its reference count would bounce between cores.
    @inline(__always) private static func asciiClass(_ b: UInt8) -> ASCIIClass {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "@"): return .letter
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return .digit
        case UInt8(ascii: "_"): return .extendNumLet
        case UInt8(ascii: "."), UInt8(ascii: "'"): return .midNumLetQ
        case UInt8(ascii: ","), UInt8(ascii: ";"): return .midNum
        default: return .other
        }
    }

    /// Letters, digits and "_" start a word; anything else ASCII is a one-byte segment.
    @inline(__always) static func startsASCIIWord(_ b: UInt8) -> Bool {
        let c = asciiClass(b)
        return c == .letter || c == .digit || c == .extendNumLet
    }

    /// A Latin-1 letter À–ÿ (C3 80–C3 BF) at `i`, but × ÷ and ß: these are letters to the
    /// word-break rules, NFKC leaves them alone, and folding adds 0x20 to the upper-case ones.
    @inline(__always) static func isLatin1Letter(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        guard i + 1 < b.count, b[i] == 0xC3 else { return false }
        let trail = b[i + 1]
        return trail >= 0x80 && trail <= 0xBF && trail != 0x97 && trail != 0xB7 && trail != 0x9F
    }

    /// A letter (ASCII class letter, or Latin-1) ends just before `j`.
    @inline(__always) private static func letterBefore(_ b: UnsafeBufferPointer<UInt8>, _ j: Int, from start: Int) -> Bool {
        asciiClass(b[j - 1]) == .letter || (j - 2 >= start && isLatin1Letter(b, at: j - 2))
    }

    /// A letter (ASCII class letter, or Latin-1) starts at `j`.
    @inline(__always) private static func letterAt(_ b: UnsafeBufferPointer<UInt8>, _ j: Int) -> Bool {
        asciiClass(b[j]) == .letter || isLatin1Letter(b, at: j)
    }

    /// Folds and appends the word starting at `start` (a byte where `startsASCIIWord`, or a
    /// Latin-1 letter), in one pass, looking it up in `table` if given; returns where the
    /// word ends. Sets `symbols` if the word holds a byte other than a letter or digit, `latin1`
    /// if it holds a Latin-1 letter. The caller has reserved room.
    static func appendASCIIWord(_ b: UnsafeBufferPointer<UInt8>, from start: Int, to result: inout TokenBuffer,
                                lookingUpIn table: ByteTable?, symbols: inout Bool, latin1: inout Bool) -> Int {
        let folded = result.freeBytes
        var upper = 0, lower = 0, alphanumerics = 0
        var lastIsDigit = false
        var j = start
        let n = b.count
        scan: while j < n {
            let run = j
            j = foldLowercaseRun(b, at: j, wordStart: start, into: folded)
            if j != run { lower &+= j &- run; alphanumerics &+= j &- run; lastIsDigit = false }
            guard j < n else { break }
            var byte = b[j]
            switch byte {
            case 0x41...0x5A: upper &+= 1; alphanumerics &+= 1; byte |= 0x20; lastIsDigit = false
            case 0x30...0x39: alphanumerics &+= 1; lastIsDigit = true
            case UInt8(ascii: "@"): alphanumerics &+= 1; lastIsDigit = false; symbols = true
            case UInt8(ascii: "_"): symbols = true
            case 0xC3:
                guard isLatin1Letter(b, at: j) else { break scan }
                var trail = b[j + 1]
                if trail <= 0x9E { upper &+= 1; trail |= 0x20 } else { lower &+= 1 }
                alphanumerics &+= 1
                lastIsDigit = false
                latin1 = true
                folded[j - start] = 0xC3
                folded[j + 1 - start] = trail
                j += 2
                continue scan
            case UInt8(ascii: "."), UInt8(ascii: "'"), UInt8(ascii: ","), UInt8(ascii: ";"):
                // Joins letter.letter, letter'letter, and digits around any of the four.
                guard j + 1 < n else { break scan }
                let joinsLetters = (byte == UInt8(ascii: ".") || byte == UInt8(ascii: "'")) && letterBefore(b, j, from: start) && letterAt(b, j + 1)
                guard joinsLetters || (asciiClass(b[j - 1]) == .digit && asciiClass(b[j + 1]) == .digit) else { break scan }
                symbols = true
            default: break scan
            }
            folded[j &- start] = byte
            j &+= 1
        }
        let length = j - start
        // ICU 72 quirks, matched on purpose: a lone "_" is no word but "__" is a letter word,
        // and two or more trailing underscores make a word a letter word ("0__").
        guard alphanumerics > 0 || length >= 2 else { return j }
        let trailingUnderscores = length >= 2 && folded[length - 1] == UInt8(ascii: "_") && folded[length - 2] == UInt8(ascii: "_")
        let kind: Token.Kind = lastIsDigit && !trailingUnderscores ? .number : .word
        let bytes = UnsafeBufferPointer(start: folded, count: length)
        let id = lookUp(folded, length: length, in: table)
        var flags: NormalizedText.Flags = upper >= 2 && lower == 0 ? .allCaps : []
        if Token.endsInNT(bytes) { flags.insert(.endsInNT) }
        result.commit(length: length, kind: kind, flags: flags, id: id)
        return j
    }

    /// The most common words, ASCII letters all lower case but perhaps the first ("we", "We"),
    /// in a leaner loop than `appendASCIIWord`: such a word is never all caps, a number or a
    /// "n't" negator. The caller has checked that the first byte is a letter. Returns
    /// where it ends, or nil, having appended nothing, when the next byte may continue the word
    /// (a capital, digit, "_", "@", a Latin-1 letter, or "." / "'" before a letter): then
    /// `appendASCIIWord` reads it from the start.
    @inline(__always) static func appendPlainWord(_ b: UnsafeBufferPointer<UInt8>, from start: Int, to result: inout TokenBuffer,
                                                      lookingUpIn table: ByteTable?) -> Int? {
        let folded = result.freeBytes
        folded[0] = b[start] | 0x20
        let j = foldLowercaseRun(b, at: start &+ 1, wordStart: start, into: folded)
        let n = b.count
        // Most words end at a space: one compare rules out every byte that would go on.
        if j < n && b[j] != 0x20 {
            switch b[j] {
            case 0x41...0x5A, 0x30...0x39, UInt8(ascii: "_"), UInt8(ascii: "@"), 0xC3: return nil
            case UInt8(ascii: "."), UInt8(ascii: "'"):
                if j + 1 < n && (asciiClass(b[j + 1]) == .letter || b[j + 1] == 0xC3) { return nil }
            default: break
            }
        }
        let length = j &- start
        result.commit(length: length, kind: .word, flags: [], id: lookUp(folded, length: length, in: table))
        return j
    }

    /// Copies the run of lower-case ASCII letters at `j` into the word that began at
    /// `wordStart`; returns where the run ends. The bulk of most words, so eight bytes at a
    /// time: whole words are copied (the fold buffer has room for them: folding never lengthens
    /// the text, and bytes past the word are never read as part of it).
    @inline(__always) private static func foldLowercaseRun(_ b: UnsafeBufferPointer<UInt8>, at j: Int, wordStart start: Int,
                                                           into folded: UnsafeMutablePointer<UInt8>) -> Int {
        guard let base = b.baseAddress else { return j }
        // Source and fold pointers step together: one base check and no index arithmetic per step.
        let n = b.count
        var from = base + j, to = folded + (j &- start)
        if n >= 8 {
            let last = base + (n &- 8)
            while from <= last {
                let word = UnsafeRawPointer(from).loadUnaligned(as: UInt64.self)
                UnsafeMutableRawPointer(to).storeBytes(of: word, as: UInt64.self)
                let others = notLowercase(word)
                if others != 0 { return (from - base) &+ UInt64(littleEndian: others).trailingZeroBitCount >> 3 }
                from += 8
                to += 8
            }
        }
        let end = base + n
        while from < end {
            let byte = from.pointee
            guard byte &- 0x61 < 26 else { break }
            to.pointee = byte
            from += 1
            to += 1
        }
        return from - base
    }

    /// The high bit of each byte of `word` that is not a–z (bytes of seven bits take no carry
    /// from these additions; the others are flagged by their own high bit).
    @inline(__always) static func notLowercase(_ word: UInt64) -> UInt64 {
        let highs: UInt64 = 0x8080_8080_8080_8080
        let low7 = word & ~highs
        let fromA = (low7 &+ 0x1F1F_1F1F_1F1F_1F1F) & highs  // ≥ 0x61
        let pastZ = (low7 &+ 0x0505_0505_0505_0505) & highs  // ≥ 0x7B
        return (~fromA | pastZ | word) & highs
    }

    /// Id of the folded word in `table`, or `notLookedUp` without one. Reads whole eight-byte
    /// words at `folded` (the token buffer keeps `TokenBuffer.slack` readable past its capacity).
    @inline(__always) private static func lookUp(_ folded: UnsafeMutablePointer<UInt8>, length: Int, in table: ByteTable?) -> Int32 {
        guard let table else { return Vocabulary.notLookedUp }
        let bytes = UnsafeBufferPointer(start: UnsafePointer(folded), count: length)
        if length <= 8 {
            let key = ByteTable.packed(reading8: folded, length: length)
            return table.id(bytes, hash: ByteTable.hash(packed: key, length: length), packed: key) ?? Vocabulary.unknown
        }
        return table.id(bytes, hash: ByteTable.hash(reading8: folded, length: length), packed: 0) ?? Vocabulary.unknown
    }

    /// Appends clause punctuation (. , ; : ! ?) and counts ! and ?; other ASCII symbols make no token.
    static func appendASCIIPunctuation(_ byte: UInt8, to result: inout TokenBuffer) {
        guard let flags = NormalizedText.punctuationFlags(byte) else { return }
        if byte == UInt8(ascii: "!") { result.exclamationMarks += 1 }
        if byte == UInt8(ascii: "?") { result.questionMarks += 1 }
        result.reserve(tokens: 1, bytes: 1)
        result.freeBytes.pointee = byte
        result.commit(length: 1, kind: .punctuation, flags: flags, id: Vocabulary.unknown)
    }
}
