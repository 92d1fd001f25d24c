/// Fixed-point decimal text ("2.5", "0.93", "-0.42") written as UTF-8 bytes, without Foundation's
/// printf machinery: every ticket's reasons carry a few numbers.
enum DecimalFormat {
    /// Room `write` may need: a sign, the 20 digits of a `UInt64` and the point.
    static let maxLength = 24

    /// `write` can write `x` (finite, below 1e15); anything else is written as Swift prints it.
    static func isPlain(_ x: Double) -> Bool { x.isFinite && abs(x) < 1e15 }

    /// `x` (`isPlain`) rounded to `digits` (at most 6) decimals, half away from zero, at `p`, which
    /// has room for `maxLength` bytes; returns how many it wrote. "-" only when the rounded value
    /// is not zero. Digits are written from the highest place down (no reversing, no temporary buffer).
    static func write(_ x: Double, digits: Int, to p: UnsafeMutablePointer<UInt8>) -> Int {
        precondition(digits >= 0 && digits <= 6 && isPlain(x))
        var scale: UInt64 = 1  // the ones place of `scaled`
        for _ in 0..<digits { scale *= 10 }
        let scaled = UInt64((abs(x) * Double(scale)).rounded())
        var n = 0
        if x < 0 && scaled != 0 { p[n] = UInt8(ascii: "-"); n += 1 }
        // The highest place `scaled` reaches, but at least the ones place ("0.93").
        var place = scale
        while place <= scaled / 10 { place *= 10 }
        var rest = scaled
        while true {
            p[n] = UInt8(ascii: "0") + UInt8(rest / place); n += 1
            rest %= place
            if place == 1 { break }
            if place == scale { p[n] = UInt8(ascii: "."); n += 1 }
            place /= 10
        }
        return n
    }
}
