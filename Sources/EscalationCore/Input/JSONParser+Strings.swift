/// Strings: the parser's hot loop on ticket records, whose texts are long runs of plain bytes.
extension JSONParser {
    mutating func string() throws -> String {
        var scratch: [UInt8] = []
        return try withString(scratch: &scratch) { String(decoding: $0, as: UTF8.self) }
    }

    /// Reads the string whose opening quote is at `i` and hands its unescaped bytes to `body`:
    /// a slice of the input when the string has no escapes (most strings), else `scratch`.
    /// Invalid UTF-8 inside the string becomes U+FFFD (in `String(decoding:)`) rather than
    /// failing the record.
    mutating func withString<R>(scratch out: inout [UInt8], _ body: (UnsafeBufferPointer<UInt8>) -> R) throws -> R {
        if let plain = try readString(unescapingInto: &out) {
            return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[plain])) }
        }
        return out.withUnsafeBufferPointer(body)
    }

    /// Reads the string whose opening quote is at `i`: where its bytes are in the input when it
    /// has no escapes (most strings), else nil with its unescaped bytes in `out`.
    @inline(__always) mutating func readString(unescapingInto out: inout [UInt8]) throws -> Range<Int>? {
        i += 1  // opening quote
        let start = i
        i = endOfPlainRun(from: i)
        if i < bytes.count && bytes[i] == UInt8(ascii: "\"") {
            i += 1
            return start..<(i - 1)
        }
        try unescape(from: start, into: &out)
        return nil
    }

    /// The rest of `readString` for a string with escapes: `i` is at the first byte after the
    /// plain run that started at `start`.
    private mutating func unescape(from start: Int, into out: inout [UInt8]) throws {
        out.removeAll(keepingCapacity: true)
        // The rest of the input bounds the string (no escape is shorter than what it stands
        // for): a ticket's text needs no regrowth, and a huge line reserves no more than needed.
        out.reserveCapacity(Swift.min(bytes.count - start, 2 * (i - start) + 4096))
        // Through a pointer, with the position in a local: runs are copied by memcpy rather
        // than through a generic slice append, and bytes are read without bounds checks.
        // `self.i` is kept in step before every throw (messages give its column).
        let bytes = self.bytes
        var i = self.i
        try bytes.withUnsafeBufferPointer { input in
            out.append(contentsOf: UnsafeBufferPointer(rebasing: input[start..<i]))
            while true {
                guard i < input.count else { self.i = i; throw fail("unterminated string") }
                let b = input[i]
                if b == UInt8(ascii: "\"") { i += 1; break }
                if b < 0x20 { self.i = i; throw fail("control character in string") }
                if b != UInt8(ascii: "\\") {
                    // Copy the run up to the next quote, backslash or control byte at once.
                    let run = i
                    i = endOfPlainRun(from: i)
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: input[run..<i]))
                    continue
                }
                i += 1
                guard i < input.count else { self.i = i; throw fail("unterminated escape") }
                let e = input[i]
                i += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    self.i = i
                    let scalar = try unicodeEscape()
                    i = self.i
                    appendScalar(scalar, to: &out)
                default: self.i = i; throw fail("invalid escape '\\\(Unicode.Scalar(e))'")
                }
            }
        }
        self.i = i
    }

    /// The first index from `start` holding a quote, a backslash or a control byte (or the end):
    /// ticket texts are long runs of plain bytes, tested sixteen at a time with vector compares
    /// (SSE2/NEON), then eight at a time (SWAR) and one by one at the end of the input.
    /// Inlined: called for every key and string and after every escape, mostly for a few bytes.
    @inline(__always) func endOfPlainRun(from start: Int) -> Int {
        bytes.withUnsafeBytes { raw in
            var i = start
            let quotes = SIMD16<UInt8>(repeating: 0x22), backslashes = SIMD16<UInt8>(repeating: 0x5C)
            let spaces = SIMD16<UInt8>(repeating: 0x20)  // (constants as vectors: scalar operands compile to a lane loop)
            while i &+ 16 <= raw.count {
                let v = raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
                let hit = (v .== quotes) .| (v .== backslashes) .| (v .< spaces)
                if any(hit) {
                    // A hit lane is all ones: the first one's byte offset, from the two halves.
                    let halves = unsafeBitCast(hit, to: SIMD2<UInt64>.self)
                    let low = halves[0].littleEndian, high = halves[1].littleEndian
                    return i + (low != 0 ? low.trailingZeroBitCount / 8 : 8 + high.trailingZeroBitCount / 8)
                }
                i &+= 16
            }
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            while i + 8 <= raw.count {
                let v = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                // High bit set in a byte that is 0 after the xor (quote, backslash) or below 0x20;
                // bytes ≥ 0x80 never match, and a false hit can only follow a true one.
                let quote = v ^ (ones &* 0x22), backslash = v ^ (ones &* 0x5C)
                let found = ((quote &- ones) & ~quote | (backslash &- ones) & ~backslash | (v &- ones &* 0x20) & ~v) & highs
                if found != 0 { return i + found.littleEndian.trailingZeroBitCount / 8 }
                i += 8
            }
            while i < raw.count {
                let b = raw[i]
                if b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b < 0x20 { break }
                i += 1
            }
            return i
        }
    }

    private mutating func hex4() throws -> UInt32 {
        guard i + 4 <= bytes.count else { throw fail("truncated \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[i]
            let d: UInt8
            switch c {
            case 0x30...0x39: d = c - 0x30
            case 0x41...0x46: d = c - 0x41 + 10
            case 0x61...0x66: d = c - 0x61 + 10
            default: throw fail("invalid \\u escape")
            }
            v = v << 4 | UInt32(d)
            i += 1
        }
        return v
    }

    private mutating func unicodeEscape() throws -> Unicode.Scalar {
        let first = try hex4()
        if first >= 0xD800 && first < 0xDC00 {
            // A high surrogate must pair with a low one; a lone one becomes U+FFFD.
            if i + 6 <= bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
                let save = i
                i += 2
                let second = try hex4()
                if second >= 0xDC00 && second < 0xE000 {
                    return Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))!
                }
                i = save
            }
            return "\u{FFFD}"
        }
        return Unicode.Scalar(first) ?? "\u{FFFD}"
    }

    private func appendScalar(_ s: Unicode.Scalar, to out: inout [UInt8]) {
        out.append(contentsOf: String(Character(s)).utf8)
    }
}
