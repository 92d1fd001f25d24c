/// Word segmentation of whitespace-free ASCII runs, following the UAX #29 word-boundary rules
/// that ICU applies to these characters, so the result equals ICU's (tests compare the two):
///   letters (ICU 72 counts "@" as one, for e-mail addresses), digits and "_" join (WB5, WB8–WB10, WB13a/b);
///   letter ("." | "'") letter joins (WB6/WB7; ICU's root rules leave ":" out);
///   digit ("," | ";" | "." | "'") digit joins (WB11/WB12);
///   everything else is a one-character non-word segment.
/// ICU reports a word as a number when its last letter-or-digit is a digit ("v2", "a9"), as here.
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

    func appendASCIIWords(_ b: UnsafeBufferPointer<UInt8>, to result: inout NormalizedText) {
        var i = 0
        while i < b.count {
            let c = Self.asciiClass(b[i])
            guard c == .letter || c == .digit || c == .extendNumLet else {
                appendASCIIPunctuation(b[i], to: &result)
                i += 1
                continue
            }
            var j = i + 1
            while j < b.count {
                let cj = Self.asciiClass(b[j])
                if cj == .letter || cj == .digit || cj == .extendNumLet { j += 1; continue }
                guard j + 1 < b.count else { break }
                let before = Self.asciiClass(b[j - 1]), after = Self.asciiClass(b[j + 1])
                let joinsLetters = before == .letter && after == .letter && cj == .midNumLetQ
                let joinsDigits = before == .digit && after == .digit && (cj == .midNum || cj == .midNumLetQ)
                guard joinsLetters || joinsDigits else { break }
                j += 2
            }
            appendASCIIWord(UnsafeBufferPointer(rebasing: b[i..<j]), to: &result)
            i = j
        }
    }

    private func appendASCIIWord(_ word: UnsafeBufferPointer<UInt8>, to result: inout NormalizedText) {
        var upper = 0, lower = 0, digits = 0, other = 0
        var lastIsDigit = false
        var hash = ByteTable.fnvBasis
        let folded = foldBuffer(word.count)
        for k in 0..<word.count {
            let byte = word[k]
            var out = byte
            switch byte {
            case 0x61...0x7A: lower &+= 1; lastIsDigit = false
            case 0x41...0x5A: upper &+= 1; out = byte | 0x20; lastIsDigit = false
            case 0x30...0x39: digits &+= 1; lastIsDigit = true
            case UInt8(ascii: "@"): other &+= 1; lastIsDigit = false
            default: break
            }
            folded[k] = out
            hash = ByteTable.fnvStep(hash, out)
        }
        // ICU 72 quirks, matched on purpose: a lone "_" is no word but "__" is a letter word,
        // and two or more trailing underscores make a word a letter word ("0__").
        var trailingUnderscores = 0
        for byte in word.reversed() { guard byte == UInt8(ascii: "_") else { break }; trailingUnderscores += 1 }
        guard upper + lower + digits + other > 0 || word.count >= 2 else { return }
        let kind: Token.Kind = lastIsDigit && trailingUnderscores < 2 ? .number : .word
        let bytes = UnsafeBufferPointer(start: folded, count: word.count)
        let n = word.count
        let endsInNT = n >= 3 && bytes[n - 3] == UInt8(ascii: "n") && bytes[n - 2] == UInt8(ascii: "'") && bytes[n - 1] == UInt8(ascii: "t")
        // A word the vocabulary knows reuses its string; only unknown words make a new one.
        var text: String
        if let vocabulary = lookupVocabulary {
            let id = vocabulary.table.id(bytes, hash: hash)
            text = id.map { vocabulary.words[Int($0)] } ?? String(decoding: bytes, as: UTF8.self)
            while result.ids.count < result.tokens.count { result.ids.append(Vocabulary.notLookedUp) }
            result.ids.append(id ?? Vocabulary.unknown)
        } else {
            text = String(decoding: bytes, as: UTF8.self)
        }
        result.tokens.append(Token(text, kind: kind, isAllCaps: upper >= 2 && lower == 0, endsInNT: endsInNT))
    }

    private func appendASCIIPunctuation(_ byte: UInt8, to result: inout NormalizedText) {
        switch byte {
        case UInt8(ascii: "!"): result.exclamationMarks += 1; result.tokens.append(Token("!", kind: .punctuation))
        case UInt8(ascii: "?"): result.questionMarks += 1; result.tokens.append(Token("?", kind: .punctuation))
        case UInt8(ascii: "."): result.tokens.append(Token(".", kind: .punctuation))
        case UInt8(ascii: ","): result.tokens.append(Token(",", kind: .punctuation))
        case UInt8(ascii: ";"): result.tokens.append(Token(";", kind: .punctuation))
        case UInt8(ascii: ":"): result.tokens.append(Token(":", kind: .punctuation))
        default: break
        }
    }
}
