/// Fixed-point decimal text ("2.5", "0.93", "-0.42") appended to UTF-8 bytes, without Foundation's
/// printf machinery: every ticket's reasons carry a few numbers.
enum DecimalFormat {
    /// `x` rounded to `digits` (at most 6) decimals, half away from zero; "-" only when the rounded
    /// value is not zero. Digits are written from the highest place down (no reversing, no
    /// temporary buffer). Values that are not finite or beyond 1e15 are written as Swift prints them.
    static func appendFixed(_ x: Double, digits: Int, to bytes: inout [UInt8]) {
        precondition(digits >= 0 && digits <= 6)
        guard x.isFinite, abs(x) < 1e15 else { return bytes.append(contentsOf: String(x).utf8) }
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
}
