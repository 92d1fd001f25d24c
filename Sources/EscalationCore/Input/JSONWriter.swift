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

    /// `quoted(s)` appended as UTF-8 bytes (for writers that build a whole line in one buffer).
    public static func appendQuoted(_ s: String, to out: inout [UInt8]) {
        var utf8 = s
        utf8.withUTF8 { bytes in
            out.append(UInt8(ascii: "\""))
            var i = 0
            while i < bytes.count {
                // Copy the run that needs no escaping at once.
                let run = i
                while i < bytes.count && !needsEscape(bytes[i]) { i += 1 }
                if i > run { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i])) }
                guard i < bytes.count else { break }
                let b = bytes[i]
                if b == 0xE2 {
                    if i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 {
                        // U+2028/2029: legal JSON, but they break JavaScript line readers.
                        out += Array((bytes[i + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                        i += 3
                    } else {
                        out.append(b)
                        i += 1
                    }
                    continue
                }
                switch b {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): out += [0x5C, b]
                case UInt8(ascii: "\n"): out += [0x5C, UInt8(ascii: "n")]
                case UInt8(ascii: "\r"): out += [0x5C, UInt8(ascii: "r")]
                case UInt8(ascii: "\t"): out += [0x5C, UInt8(ascii: "t")]
                default:  // other control bytes and DEL
                    let hex = Array("0123456789abcdef".utf8)
                    out += [0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(b >> 4)], hex[Int(b & 0xF)]]
                }
                i += 1
            }
            out.append(UInt8(ascii: "\""))
        }
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
        guard x.isFinite else { return out.append(contentsOf: "null".utf8) }
        if x == x.rounded() && abs(x) < 1e15 { return appendInteger(Int(x), to: &out) }
        if appendFourPlaces(x, to: &out) { return }
        out.append(contentsOf: String(x).utf8)
    }

    /// Writes `x` if it is k / 10⁴ to the bit (scores rounded to four places, as output numbers
    /// mostly are) and below 10⁹, else returns false. Its shortest round-trip form, which
    /// `String(x)` gives, is then k with the point four places in and trailing zeros dropped:
    /// any other decimal of four places or fewer is ≥ 10⁻⁴ away, far more than an ulp.
    private static func appendFourPlaces(_ x: Double, to out: inout [UInt8]) -> Bool {
        guard abs(x) < 1e9 else { return false }
        let scaled = (x * 10_000).rounded()
        guard scaled / 10_000 == x else { return false }
        let k = Int(scaled.magnitude)
        if x < 0 { out.append(UInt8(ascii: "-")) }
        appendInteger(k / 10_000, to: &out)
        out.append(UInt8(ascii: "."))
        var fraction = k % 10_000, place = 1_000  // not 0: x is no integer
        while fraction > 0 {
            out.append(UInt8(ascii: "0") + UInt8(fraction / place))
            fraction %= place
            place /= 10
        }
        return true
    }

    /// Decimal digits of `n`, written back to front into a stack buffer and appended once
    /// (a `String` per number cost several hundred instructions on every output record).
    public static func appendInteger(_ n: Int, to out: inout [UInt8]) {
        let capacity = 20  // an Int's 19 digits and a sign
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
            var i = capacity
            var rest = n.magnitude
            repeat { i -= 1; buffer[i] = UInt8(ascii: "0") + UInt8(rest % 10); rest /= 10 } while rest > 0
            if n < 0 { i -= 1; buffer[i] = UInt8(ascii: "-") }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[i..<capacity]))
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
