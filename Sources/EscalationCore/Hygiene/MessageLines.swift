import Foundation

/// Lines of a message as byte ranges, and the small byte tests the hygiene rules share.
/// Everything cuts at ASCII bytes only, so valid UTF-8 stays valid.
enum MessageLines {
    /// Content ranges of each line; `\n`, `\r\n` and a lone `\r` end a line.
    static func ranges(_ text: [UInt8]) -> [Range<Int>] {
        text.withUnsafeBufferPointer { buffer -> [Range<Int>] in
            guard let base = buffer.baseAddress else { return [] }
            let n = buffer.count
            var lines: [Range<Int>] = []
            var start = 0
            if memchr(base, 0x0D, n) == nil {
                // Only `\n` ends lines (the common case): memchr from one to the next.
                while start < n, let hit = memchr(base + start, 0x0A, n - start) {
                    let i = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) - base
                    lines.append(start..<i)
                    start = i + 1
                }
            } else {
                var i = 0
                while i < n {
                    let b = base[i]
                    if b == 0x0A || b == 0x0D {
                        lines.append(start..<i)
                        if b == 0x0D, i + 1 < n, base[i + 1] == 0x0A { i += 1 }
                        start = i + 1
                    }
                    i += 1
                }
            }
            if start < n { lines.append(start..<n) }
            return lines
        }
    }

    /// The range without leading and trailing spaces, tabs and no-break spaces (U+00A0).
    static func trim(_ text: [UInt8], _ range: Range<Int>) -> Range<Int> {
        var lo = range.lowerBound, hi = range.upperBound
        while lo < hi {
            if text[lo] == 0x20 || text[lo] == 0x09 { lo += 1 }
            else if text[lo] == 0xC2, lo + 1 < hi, text[lo + 1] == 0xA0 { lo += 2 }
            else { break }
        }
        while hi > lo {
            if text[hi - 1] == 0x20 || text[hi - 1] == 0x09 { hi -= 1 }
            else if text[hi - 1] == 0xA0, hi - 2 >= lo, text[hi - 2] == 0xC2 { hi -= 2 }
            else { break }
        }
        return lo..<hi
    }

    static func isBlank(_ text: [UInt8], _ range: Range<Int>) -> Bool { trim(text, range).isEmpty }

    /// Whether the bytes hold a letter or digit: ASCII alphanumerics, or any non-ASCII scalar
    /// except no-break space and the General Punctuation block (dashes, quotes, bullets).
    static func hasWords(_ bytes: ArraySlice<UInt8>) -> Bool {
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            if b < 0x80 {
                if (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b >= 0x30 && b <= 0x39 { return true }
            } else if b >= 0xC0 {
                let next = i + 1 < bytes.endIndex ? bytes[i + 1] : 0
                let isNBSP = b == 0xC2 && next == 0xA0
                let isPunctuation = b == 0xE2 && (next == 0x80 || next == 0x81)
                let isReplacement = b == 0xEF && next == 0xBF
                if !isNBSP && !isPunctuation && !isReplacement { return true }
            }
            i += 1
        }
        return false
    }

    static func nonBlankLineCount(_ bytes: ArraySlice<UInt8>) -> Int {
        var count = 0, sawContent = false
        for b in bytes {
            if b == 0x0A || b == 0x0D {
                if sawContent { count += 1 }
                sawContent = false
            } else if b != 0x20 && b != 0x09 {
                sawContent = true
            }
        }
        return sawContent ? count + 1 : count
    }

    /// The text without leading and trailing whitespace lines.
    static func trimmed(_ text: [UInt8]) -> [UInt8] {
        var lo = 0, hi = text.count
        while lo < hi, isSpace(text[lo]) { lo += 1 }
        while hi > lo, isSpace(text[hi - 1]) { hi -= 1 }
        return lo == 0 && hi == text.count ? text : Array(text[lo..<hi])
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    /// ASCII lower case; other bytes unchanged (so "Empfänger" matches "empfänger").
    @inline(__always) static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }

    /// Whether `text[range]` starts with `prefix` (given in lower case), ignoring ASCII case.
    static func hasPrefix(_ text: [UInt8], _ range: Range<Int>, _ prefix: [UInt8]) -> Bool {
        guard range.count >= prefix.count else { return false }
        for (k, p) in prefix.enumerated() where lower(text[range.lowerBound + k]) != p { return false }
        return true
    }

    /// Whether `text[range]` ends with `suffix` (given in lower case), ignoring ASCII case.
    static func hasSuffix(_ text: [UInt8], _ range: Range<Int>, _ suffix: [UInt8]) -> Bool {
        guard range.count >= suffix.count else { return false }
        let base = range.upperBound - suffix.count
        for (k, p) in suffix.enumerated() where lower(text[base + k]) != p { return false }
        return true
    }

    /// Whether lower-cased `haystack` contains `needle` (lower case). Callers bound the haystack.
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, haystack.count >= needle.count else { return false }
        var i = 0
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first {
                var k = 1
                while k < needle.count, haystack[i + k] == needle[k] { k += 1 }
                if k == needle.count { return true }
            }
            i += 1
        }
        return false
    }

    static func lowered(_ text: [UInt8], _ range: Range<Int>) -> [UInt8] { text[range].map(lower) }
}
