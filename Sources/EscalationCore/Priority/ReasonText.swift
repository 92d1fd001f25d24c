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

    /// `x` rounded to `digits` (at most 6) decimals, without Foundation's printf machinery;
    /// "-" only when the rounded value is not zero. Written back to front into a stack buffer
    /// and appended once: a byte-by-byte append (and reversing) cost ~700 instructions a number.
    mutating func appendFixed(_ x: Double, _ digits: Int) {
        precondition(digits >= 0 && digits <= 6)
        guard x.isFinite, abs(x) < 1e15 else { return append(String(x)) }
        var scale = 1
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int((abs(x) * Double(scale)).rounded())
        let capacity = 32  // 19 digits of an Int, the point, 6 decimals, the sign
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
            var i = capacity
            var n = scaled
            for _ in 0..<digits { i -= 1; buffer[i] = UInt8(ascii: "0") + UInt8(n % 10); n /= 10 }
            if digits > 0 { i -= 1; buffer[i] = UInt8(ascii: ".") }
            repeat { i -= 1; buffer[i] = UInt8(ascii: "0") + UInt8(n % 10); n /= 10 } while n > 0
            if x < 0 && scaled != 0 { i -= 1; buffer[i] = UInt8(ascii: "-") }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[i..<capacity]))
        }
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }
}
