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

    /// A `String` value (labelled: unlabelled, a literal would pick this over `StaticString`).
    mutating func append(text: String) {
        var text = text  // withUTF8 may make a native copy; lexicon and metadata strings are native
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// `x` rounded to `digits` (at most 6) decimals, without Foundation's printf machinery;
    /// "-" only when the rounded value is not zero. Digits are written from the highest place
    /// down (no reversing, no temporary buffer).
    mutating func appendFixed(_ x: Double, _ digits: Int) {
        precondition(digits >= 0 && digits <= 6)
        guard x.isFinite, abs(x) < 1e15 else { return append(text: String(x)) }
        var scale: UInt64 = 1  // the ones place of `scaled`
        for _ in 0..<digits { scale *= 10 }
        let scaled = UInt64((abs(x) * Double(scale)).rounded())
        if x < 0 && scaled != 0 { bytes.append(UInt8(ascii: "-")) }
        // The highest place `scaled` reaches, but at least the ones place ("0.93").
        var place = scale
        while place <= scaled / 10 { place *= 10 }
        var rest = scaled
        while true {
            bytes.append(UInt8(ascii: "0") + UInt8(rest / place))
            rest %= place
            if place == 1 { break }
            if place == scale { bytes.append(UInt8(ascii: ".")) }
            place /= 10
        }
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }
}
