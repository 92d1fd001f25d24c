/// Money amounts written in ticket text ("$4,200", "$1.5k", "3000 USD"), for billing rules.
public enum Amounts {
    /// The largest amount found, or nil. Scans bytes once; no regular expressions.
    public static func largestUSD(in text: String) -> Double? {
        var text = text
        return text.withUTF8(largestUSD)
    }

    private static func largestUSD(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        var best: Double?
        var i = 0
        while i < b.count {
            // Most bytes are neither "$" nor a digit: skip them first.
            guard b[i] == UInt8(ascii: "$") || isDigit(b[i]) else { i += 1; continue }
            let dollar = b[i] == UInt8(ascii: "$")
            let start = dollar ? i + 1 : i
            guard start < b.count, isDigit(b[start]), dollar || i == 0 || !isAlnum(b[i - 1]) else { i += 1; continue }
            var j = start
            var digits = [UInt8]()
            while j < b.count, isDigit(b[j]) || ((b[j] == UInt8(ascii: ",") || b[j] == UInt8(ascii: ".")) && j + 1 < b.count && isDigit(b[j + 1])) {
                if b[j] != UInt8(ascii: ",") { digits.append(b[j]) }
                j += 1
            }
            guard var value = Double(String(decoding: digits, as: UTF8.self)) else { i = j; continue }
            if j < b.count, b[j] == UInt8(ascii: "k") || b[j] == UInt8(ascii: "K") { value *= 1000; j += 1 }
            let rest = b[j..<min(b.count, j + 5)].map { $0 | 0x20 }
            let usd = rest.starts(with: Array(" usd".utf8)) || rest.starts(with: Array("usd".utf8))
            if dollar || usd { best = max(best ?? value, value) }
            i = j
        }
        return best
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    private static func isAlnum(_ c: UInt8) -> Bool { isDigit(c) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) }
}
