/// Builds JSON text; strings are escaped so the output is always valid JSON and valid UTF-8.
public struct JSONWriter {
    public private(set) var text = ""

    public init() { text.reserveCapacity(512) }

    public static func quoted(_ s: String) -> String {
        var utf8 = s
        // Most strings need no escaping: copy them whole.
        if !utf8.withUTF8({ $0.contains(where: needsEscape) }) { return "\"" + s + "\"" }
        var out: [UInt8] = []
        appendQuoted(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `quoted(s)` appended as UTF-8 bytes; a long string in pieces of about 4 KB, so the room
    /// made for escaping one (six times its length) stays small.
    public static func appendQuoted(_ s: String, to out: inout [UInt8]) {
        var utf8 = s
        utf8.withUTF8 { bytes in
            out.append(UInt8(ascii: "\""))
            var start = 0
            while start < bytes.count {
                // Cut before a byte that starts a character: no character is split.
                var end = min(start + 4096, bytes.count)
                while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }
                let piece = UnsafeBufferPointer(rebasing: bytes[start..<end])
                ByteCursor.append(to: &out, atMost: 6 * piece.count) { writeEscaped(piece, to: &$0) }
                start = end
            }
            out.append(UInt8(ascii: "\""))
        }
    }

    /// The most bytes `writeQuoted(s, to:)` writes: every byte as a six-byte escape, two quotes.
    public static func quotedLengthLimit(_ s: String) -> Int { 6 * s.utf8.count + 2 }

    /// `quoted(s)` written through `cursor` (room: `quotedLengthLimit(s)`).
    public static func writeQuoted(_ s: String, to cursor: inout ByteCursor) {
        cursor.write(UInt8(ascii: "\""))
        // A native string lends its bytes as it is: no copy of the String to retain and release.
        if s.utf8.withContiguousStorageIfAvailable({ writeEscaped($0, to: &cursor) }) == nil {
            var utf8 = s
            utf8.withUTF8 { writeEscaped($0, to: &cursor) }
        }
        cursor.write(UInt8(ascii: "\""))
    }

    /// Whole characters, escaped for a JSON string (room: six bytes a byte).
    private static func writeEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to cursor: inout ByteCursor) {
        var i = copyClean(bytes, to: &cursor)
        while i < bytes.count {
            // Copy the run that needs no escaping at once.
            let run = i
            i = firstNeedingEscape(bytes, from: i)
            if i > run { cursor.write(UnsafeBufferPointer(rebasing: bytes[run..<i])) }
            guard i < bytes.count else { break }
            let b = bytes[i]
            if b == 0xE2 {
                if i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 {
                    // U+2028/2029: legal JSON, but they break JavaScript line readers.
                    cursor.write(bytes[i + 2] == 0xA8 ? "\\u2028" : "\\u2029")
                    i += 3
                } else {
                    cursor.write(b)
                    i += 1
                }
                continue
            }
            cursor.write(0x5C)
            switch b {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): cursor.write(b)
            case UInt8(ascii: "\n"): cursor.write(UInt8(ascii: "n"))
            case UInt8(ascii: "\r"): cursor.write(UInt8(ascii: "r"))
            case UInt8(ascii: "\t"): cursor.write(UInt8(ascii: "t"))
            default:  // other control bytes and DEL
                cursor.write("u00")
                cursor.write(hexDigit(b >> 4))
                cursor.write(hexDigit(b & 0xF))
            }
            i += 1
        }
    }

    @inline(__always) private static func hexDigit(_ d: UInt8) -> UInt8 { d < 10 ? UInt8(ascii: "0") + d : UInt8(ascii: "a") + d - 10 }

    /// Copies the bytes before the first that `needsEscape` (most strings have none) and returns
    /// how many: eight at a time, each word stored as it is checked, the last one overlapping
    /// bytes already checked (no byte-by-byte tail, no separate copy).
    @inline(__always) private static func copyClean(_ bytes: UnsafeBufferPointer<UInt8>, to cursor: inout ByteCursor) -> Int {
        let n = bytes.count
        guard n >= 8 else {
            var i = 0
            while i < n && !needsEscape(bytes[i]) { cursor.write(bytes[i]); i += 1 }
            return i
        }
        let source = UnsafeRawPointer(bytes.baseAddress!)
        let target = UnsafeMutableRawPointer(cursor.advance(by: n))
        var at = 0
        while true {
            let v = source.loadUnaligned(fromByteOffset: at, as: UInt64.self)
            target.storeBytes(of: v, toByteOffset: at, as: UInt64.self)
            let found = escapeHits(v)
            // The overlapped bytes of the last word are clean: its first hit is a new byte.
            if found != 0 {
                let clean = at + UInt64(littleEndian: found).trailingZeroBitCount / 8
                cursor.takeBack(n - clean)
                return clean
            }
            if at + 8 == n { return n }
            at = min(at + 8, n - 8)
        }
    }

    /// The high bit of each byte of `v` that `needsEscape` (and possibly of bytes after one).
    @inline(__always) private static func escapeHits(_ v: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        // High bit set in a byte that is 0 after the xor, i.e. equal to `c` (bytes ≥ 0x80 xor
        // an ASCII `c` never are; a false hit can only follow a true one).
        func equal(_ v: UInt64, _ c: UInt8) -> UInt64 { let x = v ^ (ones &* UInt64(c)); return (x &- ones) & ~x }
        let below20 = (v &- ones &* 0x20) & ~v
        return (below20 | equal(v, 0x22) | equal(v, 0x5C) | equal(v, 0x7F) | equal(v, 0xE2)) & highs
    }

    /// The first index from `start` whose byte `needsEscape` (or the end), eight bytes at a time.
    private static func firstNeedingEscape(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var i = start
        while i + 8 <= bytes.count {
            let v = UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self)
            let found = escapeHits(v)
            if found != 0 { return i + UInt64(littleEndian: found).trailingZeroBitCount / 8 }
            i += 8
        }
        while i < bytes.count && !needsEscape(bytes[i]) { i += 1 }
        return i
    }

    @inline(__always) private static func needsEscape(_ b: UInt8) -> Bool {
        b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b == 0x7F || b == 0xE2
    }

    /// Shortest round-trip form, with integers written without ".0"; non-finite as null.
    public static func number(_ x: Double) -> String {
        var out: [UInt8] = []
        appendNumber(x, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `number(x)` appended as UTF-8 bytes.
    public static func appendNumber(_ x: Double, to out: inout [UInt8]) {
        ByteCursor.append(to: &out, atMost: numberLengthLimit) { writeNumber(x, to: &$0) }
    }

    /// The most bytes `writeNumber` writes ("-1.2345678901234567e-308" is 24).
    public static let numberLengthLimit = 32

    /// `number(x)` written through `cursor` (room: `numberLengthLimit`).
    public static func writeNumber(_ x: Double, to cursor: inout ByteCursor) {
        guard x.isFinite else { return cursor.write("null") }
        if x == x.rounded() && abs(x) < 1e15 { return writeInteger(Int(x), to: &cursor) }
        if writeFourPlaces(x, to: &cursor) { return }
        var text = String(x)
        text.withUTF8 { cursor.write($0) }
    }

    /// Writes `x` if it is k / 10⁴ to the bit (scores rounded to four places, as output numbers
    /// mostly are) and below 10⁹, else returns false. Its shortest round-trip form, which
    /// `String(x)` gives, is then k with the point four places in and trailing zeros dropped:
    /// any other decimal of four places or fewer is ≥ 10⁻⁴ away, far more than an ulp.
    private static func writeFourPlaces(_ x: Double, to cursor: inout ByteCursor) -> Bool {
        guard abs(x) < 1e9 else { return false }
        let scaled = (x * 10_000).rounded()
        guard scaled / 10_000 == x else { return false }
        let k = Int(scaled.magnitude)
        if x < 0 { cursor.write(UInt8(ascii: "-")) }
        writeInteger(k / 10_000, to: &cursor)
        cursor.write(UInt8(ascii: "."))
        var fraction = k % 10_000, place = 1_000  // not 0: x is no integer
        while fraction > 0 {
            cursor.write(UInt8(ascii: "0") + UInt8(fraction / place))
            fraction %= place
            place /= 10
        }
        return true
    }

    /// Decimal digits of `n` appended (no `String` per number: several hundred instructions each).
    public static func appendInteger(_ n: Int, to out: inout [UInt8]) {
        ByteCursor.append(to: &out, atMost: 20) { writeInteger(n, to: &$0) }
    }

    /// Decimal digits of `n` (at most 20 bytes: 19 digits and a sign), counted first, then
    /// written from the last.
    public static func writeInteger(_ n: Int, to cursor: inout ByteCursor) {
        if n < 0 { cursor.write(UInt8(ascii: "-")) }
        var rest = n.magnitude, digits = 1
        while rest >= 10 { rest /= 10; digits += 1 }
        rest = n.magnitude
        let start = cursor.advance(by: digits)
        for k in stride(from: digits - 1, through: 0, by: -1) {
            start[k] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
    }

    public static func encode(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return number(n)
        case .string(let s): return quoted(s)
        case .array(let items): return "[" + items.map(encode).joined(separator: ",") + "]"
        case .object(let pairs): return "{" + pairs.map { quoted($0.0) + ":" + encode($0.1) }.joined(separator: ",") + "}"
        }
    }
}
