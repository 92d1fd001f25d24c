/// Whether bytes are well-formed UTF-8 (RFC 3629: no overlong forms, surrogates or code points
/// past U+10FFFF), without building a `String`: every input line is checked before it is parsed,
/// and most are ASCII, skipped 32 bytes at a time.
public enum UTF8Validation {
    public static func isValid(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer(isValid)
    }

    public static func isValid(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = b.count
        var i = 0
        while i < n {
            if b[i] < 0x80 {
                i += 1
                // Runs of ASCII, 64 bytes at a time (four vectors or-ed, tested as two words:
                // a vector compare would compile to a lane-by-lane reduction), then 32, then eight.
                let p = UnsafeRawPointer(b.baseAddress!)
                func word(_ k: Int) -> UInt64 { p.loadUnaligned(fromByteOffset: k, as: UInt64.self) }
                func lanes(_ k: Int) -> SIMD16<UInt8> { p.loadUnaligned(fromByteOffset: k, as: SIMD16<UInt8>.self) }
                while i &+ 64 <= n {
                    let halves = unsafeBitCast(lanes(i) | lanes(i &+ 16) | lanes(i &+ 32) | lanes(i &+ 48), to: SIMD2<UInt64>.self)
                    if (halves[0] | halves[1]) & 0x8080_8080_8080_8080 != 0 { break }
                    i &+= 64
                }
                while i + 32 <= n, (word(i) | word(i + 8) | word(i + 16) | word(i + 24)) & 0x8080_8080_8080_8080 == 0 { i += 32 }
                while i + 8 <= n, word(i) & 0x8080_8080_8080_8080 == 0 { i += 8 }
                continue
            }
            guard let length = sequenceLength(b, at: i) else { return false }
            i += length
        }
        return true
    }

    /// Length of the well-formed multi-byte sequence at `i`, else nil.
    private static func sequenceLength(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        let lead = b[i]
        // The second byte's range depends on the lead (Table 3-7 of the Unicode standard).
        let length: Int, low: UInt8, high: UInt8
        switch lead {
        case 0xC2...0xDF: (length, low, high) = (2, 0x80, 0xBF)
        case 0xE0: (length, low, high) = (3, 0xA0, 0xBF)
        case 0xED: (length, low, high) = (3, 0x80, 0x9F)
        case 0xE1...0xEF: (length, low, high) = (3, 0x80, 0xBF)
        case 0xF0: (length, low, high) = (4, 0x90, 0xBF)
        case 0xF4: (length, low, high) = (4, 0x80, 0x8F)
        case 0xF1...0xF3: (length, low, high) = (4, 0x80, 0xBF)
        default: return nil
        }
        guard i + length <= b.count, b[i + 1] >= low, b[i + 1] <= high else { return nil }
        for k in 2..<length where b[i + k] & 0xC0 != 0x80 { return nil }
        return length
    }
}
