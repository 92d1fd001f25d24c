import Foundation

/// Money amounts written in ticket text ("$4,200", "$1.5k", "3000 USD"), for billing rules.
public enum Amounts {
    /// The largest amount found, or nil. Scans bytes once; no regular expressions.
    public static func largestUSD(in text: String) -> Double? {
        var text = text
        return text.withUTF8(largestUSD)
    }

    /// `largestUSD(in:)` of UTF-8 bytes.
    public static func largestUSD(utf8 text: [UInt8]) -> Double? { text.withUnsafeBufferPointer(largestUSD) }

    private static func largestUSD(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        // An amount needs a "$" or a "usd": most tickets have neither, and their many other
        // numbers ("403", "3 hours") need not be looked at one by one.
        guard mentionsDollars(b) else { return nil }
        var best: Double?
        var i = 0
        while i < b.count {
            // Most bytes are neither "$" nor a digit: skip them first, eight at a time.
            i = nextCandidate(b, from: i)
            guard i < b.count else { break }
            let dollar = b[i] == UInt8(ascii: "$")
            let start = dollar ? i + 1 : i
            guard start < b.count, isDigit(b[start]), dollar || i == 0 || !isAlnum(b[i - 1]) else { i += 1; continue }
            var j = start
            while j < b.count, isDigit(b[j]) || ((b[j] == UInt8(ascii: ",") || b[j] == UInt8(ascii: ".")) && j + 1 < b.count && isDigit(b[j + 1])) {
                j += 1
            }
            let end = j
            let thousands = j < b.count && (b[j] == UInt8(ascii: "k") || b[j] == UInt8(ascii: "K"))
            if thousands { j += 1 }
            // Only amounts marked as dollars are parsed: most numbers in tickets are not money.
            guard dollar || followedByUSD(b, j) else { i = j; continue }
            let digits = b[start..<end].filter { $0 != UInt8(ascii: ",") }
            guard let parsed = Double(String(decoding: digits, as: UTF8.self)) else { i = j; continue }
            let value = thousands ? parsed * 1000 : parsed
            best = max(best ?? value, value)
            i = j
        }
        return best
    }

    /// The first index from `start` holding "$" or a digit (or the end).
    private static func nextCandidate(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        var i = start
        let raw = UnsafeRawBufferPointer(b)
        while i + 8 <= b.count {
            let v = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let dollar = v ^ (ones &* 0x24)
            // Digits are 0x30–0x39: the high nibble is 3 and the low one below 10. Bytes ≥ 0x80
            // are masked out first so the per-byte arithmetic cannot carry between bytes.
            let low7 = v & ~highs
            let isDigit = ~((low7 ^ (ones &* 0x30)) &+ (ones &* 0x76)) & ~v & highs
            let found = ((dollar &- ones) & ~dollar & highs) | isDigit
            if found != 0 { return i + found.littleEndian.trailingZeroBitCount / 8 }
            i += 8
        }
        while i < b.count && b[i] != UInt8(ascii: "$") && !isDigit(b[i]) { i += 1 }
        return i
    }

    /// The text holds a "$", or "usd" in any case.
    private static func mentionsDollars(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = b.baseAddress else { return false }
        if memchr(base, Int32(UInt8(ascii: "$")), b.count) != nil { return true }
        // Find each "d" or "D" eight bytes at a time (OR 0x20 maps only those two to "d"), then
        // look at the two bytes before it.
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let raw = UnsafeRawBufferPointer(b)
        func isUSD(endingAt k: Int) -> Bool {
            k >= 2 && b[k - 1] | 0x20 == UInt8(ascii: "s") && b[k - 2] | 0x20 == UInt8(ascii: "u")
        }
        var i = 0
        while i + 8 <= b.count {
            let v = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) | (ones &* 0x20)
            let x = v ^ (ones &* 0x64)
            var found = (x &- ones) & ~x & highs
            while found != 0 {
                if isUSD(endingAt: i + found.littleEndian.trailingZeroBitCount / 8) { return true }
                found &= found &- 1
            }
            i += 8
        }
        while i < b.count {
            if b[i] | 0x20 == UInt8(ascii: "d") && isUSD(endingAt: i) { return true }
            i += 1
        }
        return false
    }

    /// "usd" or " usd", any case, at `j`.
    private static func followedByUSD(_ b: UnsafeBufferPointer<UInt8>, _ j: Int) -> Bool {
        var k = j
        if k < b.count && b[k] == UInt8(ascii: " ") { k += 1 }
        return k + 3 <= b.count && b[k] | 0x20 == UInt8(ascii: "u") && b[k + 1] | 0x20 == UInt8(ascii: "s") && b[k + 2] | 0x20 == UInt8(ascii: "d")
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    private static func isAlnum(_ c: UInt8) -> Bool { isDigit(c) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) }
}
