/// Builds a short explanation ("SLA 2.5 h left +12.0") as UTF-8 bytes, then one `String`:
/// every ticket gets a few of these, and `String` concatenation and interpolation would make
/// a temporary string per piece.
struct ReasonText {
    private(set) var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(64) }

    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    mutating func append(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    mutating func append(_ text: String) {
        var text = text  // withUTF8 may make a native copy; lexicon and metadata strings are native
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// `x` rounded to `digits` (at most 6) decimals, without Foundation's printf machinery;
    /// "-" only when the rounded value is not zero. No reversing of appended bytes (that and a
    /// byte-by-byte integer part cost ~700 instructions a number).
    mutating func appendFixed(_ x: Double, _ digits: Int) {
        precondition(digits >= 0 && digits <= 6)
        guard x.isFinite, abs(x) < 1e15 else { return append(String(x)) }
        var scale = 1
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int((abs(x) * Double(scale)).rounded())
        if x < 0 && scaled != 0 { bytes.append(UInt8(ascii: "-")) }
        JSONWriter.appendInteger(scaled / scale, to: &bytes)
        guard digits > 0 else { return }
        bytes.append(UInt8(ascii: "."))
        // The fraction's digits, leading zeros included, from the highest place down.
        var place = scale / 10, fraction = scaled % scale
        while place > 0 { bytes.append(UInt8(ascii: "0") + UInt8(fraction / place)); fraction %= place; place /= 10 }
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }
}
