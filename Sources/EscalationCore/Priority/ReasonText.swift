/// Builds a short explanation ("SLA 2.5 h left +12.0") as UTF-8 bytes, then one `String`:
/// every ticket gets a few of these, and `String` concatenation and interpolation would make
/// a temporary string per piece.
struct ReasonText {
    private(set) var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(64) }

    mutating func append(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

    /// `x` rounded to `digits` decimals, without Foundation's printf machinery; "-" only when
    /// the rounded value is not zero.
    mutating func appendFixed(_ x: Double, _ digits: Int) {
        guard x.isFinite, abs(x) < 1e15 else { return append(String(x)) }
        var scale = 1
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int((abs(x) * Double(scale)).rounded())
        if x < 0 && scaled != 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(scaled / scale)
        guard digits > 0 else { return }
        bytes.append(UInt8(ascii: "."))
        var fraction = scaled % scale
        let start = bytes.count
        for _ in 0..<digits { bytes.append(UInt8(ascii: "0") + UInt8(fraction % 10)); fraction /= 10 }
        bytes[start...].reverse()
    }

    private mutating func appendDigits(_ n: Int) {
        let start = bytes.count
        var n = n
        repeat { bytes.append(UInt8(ascii: "0") + UInt8(n % 10)); n /= 10 } while n > 0
        bytes[start...].reverse()
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }
}
