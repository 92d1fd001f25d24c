/// HTML character references, decoded once into the output and never read again, so an
/// "entity bomb" like `&amp;amp;amp;` costs one pass and yields `&amp;amp;`.
enum HTMLEntities {
    /// What one reference at `start` (the `&`) means, and where the text after it begins.
    enum Decoded { case scalar(UInt32, next: Int), literal }

    /// The frequent named references in mail (HTML has over 2,000; mail clients write these).
    static let named: [[UInt8]: UInt32] = {
        let table: [(String, UInt32)] = [
            ("amp", 0x26), ("lt", 0x3C), ("gt", 0x3E), ("quot", 0x22), ("apos", 0x27), ("nbsp", 0xA0),
            ("ensp", 0x2002), ("emsp", 0x2003), ("thinsp", 0x2009), ("shy", 0xAD), ("zwnj", 0x200C),
            ("zwj", 0x200D), ("lrm", 0x200E), ("rlm", 0x200F), ("hellip", 0x2026), ("mdash", 0x2014),
            ("ndash", 0x2013), ("rsquo", 0x2019), ("lsquo", 0x2018), ("ldquo", 0x201C), ("rdquo", 0x201D),
            ("sbquo", 0x201A), ("bdquo", 0x201E), ("laquo", 0xAB), ("raquo", 0xBB), ("lsaquo", 0x2039),
            ("rsaquo", 0x203A), ("bull", 0x2022), ("middot", 0xB7), ("copy", 0xA9), ("reg", 0xAE),
            ("trade", 0x2122), ("euro", 0x20AC), ("pound", 0xA3), ("yen", 0xA5), ("cent", 0xA2),
            ("sect", 0xA7), ("para", 0xB6), ("deg", 0xB0), ("plusmn", 0xB1), ("times", 0xD7),
            ("divide", 0xF7), ("micro", 0xB5), ("frac12", 0xBD), ("frac14", 0xBC), ("frac34", 0xBE),
            ("iexcl", 0xA1), ("iquest", 0xBF), ("ordf", 0xAA), ("ordm", 0xBA), ("larr", 0x2190),
            ("rarr", 0x2192), ("uarr", 0x2191), ("darr", 0x2193), ("szlig", 0xDF),
        ]
        var map: [[UInt8]: UInt32] = [:]
        for (name, value) in table { map[Array(name.utf8)] = value }
        // Latin letters with accents, both cases: the name is the letter plus the accent's name.
        let accented: [(String, [(Character, UInt32)])] = [
            ("acute", [("a", 0xE1), ("e", 0xE9), ("i", 0xED), ("o", 0xF3), ("u", 0xFA), ("y", 0xFD)]),
            ("grave", [("a", 0xE0), ("e", 0xE8), ("i", 0xEC), ("o", 0xF2), ("u", 0xF9)]),
            ("circ", [("a", 0xE2), ("e", 0xEA), ("i", 0xEE), ("o", 0xF4), ("u", 0xFB)]),
            ("uml", [("a", 0xE4), ("e", 0xEB), ("i", 0xEF), ("o", 0xF6), ("u", 0xFC)]),
            ("tilde", [("a", 0xE3), ("n", 0xF1), ("o", 0xF5)]),
            ("cedil", [("c", 0xE7)]), ("ring", [("a", 0xE5)]), ("slash", [("o", 0xF8)]),
        ]
        for (accent, letters) in accented {
            for (letter, lower) in letters {
                map[Array("\(letter)\(accent)".utf8)] = lower
                map[Array("\(letter.uppercased())\(accent)".utf8)] = lower - 0x20
            }
        }
        map[Array("aelig".utf8)] = 0xE6
        map[Array("AElig".utf8)] = 0xC6
        return map
    }()

    /// Windows-1252 for the C1 range, as browsers read `&#150;`; other C1 codes are U+FFFD.
    static let windows1252: [UInt8: UInt32] = [
        0x80: 0x20AC, 0x85: 0x2026, 0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201C, 0x94: 0x201D,
        0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x99: 0x2122,
    ]

    static let longestName = 32

    static func decode(_ s: [UInt8], at start: Int) -> Decoded {
        var i = start + 1
        let n = s.count
        guard i < n else { return .literal }
        if s[i] == 0x23 { return numeric(s, at: i + 1) }
        let nameStart = i
        while i < n, i - nameStart < longestName, isAlphanumeric(s[i]) { i += 1 }
        guard i > nameStart, i < n, s[i] == 0x3B, let value = named[Array(s[nameStart..<i])] else { return .literal }
        return .scalar(value, next: i + 1)
    }

    /// `&#NNN;` or `&#xHH;` (the `;` optional, as browsers allow). Zero, surrogates, values past
    /// U+10FFFF and C0 controls other than whitespace become U+FFFD.
    private static func numeric(_ s: [UInt8], at start: Int) -> Decoded {
        var i = start
        let n = s.count
        let hex = i < n && (s[i] | 0x20) == 0x78
        if hex { i += 1 }
        let digitsStart = i
        var value: UInt32 = 0
        while i < n, let d = digit(s[i], hex: hex) {
            if value <= 0x10FFFF { value = value * (hex ? 16 : 10) + d }
            i += 1
        }
        guard i > digitsStart else { return .literal }
        if i < n, s[i] == 0x3B { i += 1 }
        return .scalar(sanitized(value), next: i)
    }

    static func sanitized(_ value: UInt32) -> UInt32 {
        switch value {
        case 0x09, 0x0A, 0x0C, 0x0D: return 0x20
        case 0..<0x20, 0x7F: return 0xFFFD
        case 0x80...0x9F: return windows1252[UInt8(value)] ?? 0xFFFD
        case 0xD800...0xDFFF: return 0xFFFD
        case 0x110000...: return 0xFFFD
        default: return value
        }
    }

    private static func digit(_ b: UInt8, hex: Bool) -> UInt32? {
        if b >= 0x30 && b <= 0x39 { return UInt32(b - 0x30) }
        guard hex else { return nil }
        let l = b | 0x20
        return l >= 0x61 && l <= 0x66 ? UInt32(l - 0x61 + 10) : nil
    }

    private static func isAlphanumeric(_ b: UInt8) -> Bool {
        let l = b | 0x20
        return (l >= 0x61 && l <= 0x7A) || (b >= 0x30 && b <= 0x39)
    }

    /// Appends a scalar's UTF-8 encoding (the value is already a valid scalar).
    static func appendUTF8(_ v: UInt32, to out: inout [UInt8]) {
        switch v {
        case 0..<0x80: out.append(UInt8(v))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (v >> 6))); out.append(UInt8(0x80 | (v & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (v >> 12))); out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (v >> 18))); out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F))); out.append(UInt8(0x80 | (v & 0x3F)))
        }
    }
}
