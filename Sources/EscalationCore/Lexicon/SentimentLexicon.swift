import Foundation

/// Word and phrase valences on VADER's −4…+4 scale.
public struct SentimentLexicon: Sendable {
    public var words: [String: Double] = [:]
    /// Multi-word entries ("still waiting", "works now"); matched before single words.
    public var phrases = PhraseMatcher<Double>()

    public init() {}

    /// Entries that are symbol runs rather than words (":-(", "<3"), for the normalizer.
    public var emoticons: Set<String> {
        // Printable ASCII only, so letters and digits are checked by byte (a Unicode property
        // lookup per scalar of 7,500 keys cost more than the rest of this).
        func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") }
        func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
        return Set(words.keys.filter { key in
            let bytes = key.utf8
            return bytes.count >= 2 && bytes.count <= 8 && bytes.allSatisfy { $0 > 0x20 && $0 < 0x80 }
                && bytes.contains { !(isLetter($0) || isDigit($0)) }
                && bytes.filter(isLetter).count <= 2  // not "b-day" or "can't"
        })
    }

    /// Emoji and emoticons: no language's words, so every language's tickets read them.
    public var symbols: SentimentLexicon {
        var s = SentimentLexicon()
        let emoticons = self.emoticons  // by their own rule: a few letters among symbols (":-D")
        // ASCII letters are checked by byte: the Unicode property lookup per scalar of 7,500 keys
        // cost more than the rest of building a language's stages.
        func hasLetter(_ key: String) -> Bool {
            key.utf8.contains { ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z") }
                || (key.utf8.contains { $0 >= 0x80 } && key.unicodeScalars.contains(where: \.properties.isAlphabetic))
        }
        for (key, value) in words where !hasLetter(key) || emoticons.contains(key) {
            s.words[key] = value
        }
        return s
    }

    /// Both lexicons; where both have a word, this one's valence is kept.
    public func merging(_ other: SentimentLexicon) -> SentimentLexicon {
        var m = self
        m.words.merge(other.words) { mine, _ in mine }
        for entry in other.phrases.entries { m.phrases.insert(entry.words, entry.payload) }
        return m
    }

    /// VADER's file: `token TAB mean TAB sd TAB [ratings]`. Only the first two fields are used.
    /// Read as bytes: every scoring thread loads it at start-up.
    public mutating func addVADER(path: String, contents: String) throws {
        var contents = contents
        var parsed: [(String, Double)] = []
        var failedLine: Int?
        contents.withUTF8 { bytes in
            var line = 0, i = 0
            while i < bytes.count && failedLine == nil {
                line += 1
                var end = i
                while end < bytes.count && bytes[end] != 0x0A { end += 1 }
                defer { i = end + 1 }
                let stop = end > i && bytes[end - 1] == 0x0D ? end - 1 : end  // CRLF files
                guard stop > i else { continue }
                // The token, up to the first tab, and the valence, up to the next: found in place
                // (splitting each of 7,500 lines into arrays cost a tenth of start-up).
                var tab = i
                while tab < stop && bytes[tab] != 0x09 { tab += 1 }
                var (from, to) = (min(tab + 1, stop), min(tab + 1, stop))
                while to < stop && bytes[to] != 0x09 { to += 1 }
                while from < to && bytes[from] == 0x20 { from += 1 }
                while to > from && bytes[to - 1] == 0x20 { to -= 1 }
                let valueText = tab < stop ? String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self) : ""
                guard let value = Double(valueText) else { failedLine = line; break }
                let raw = UnsafeBufferPointer(rebasing: bytes[i..<tab])
                let token = String(decoding: raw, as: UTF8.self)
                // VADER looks tokens up lower-cased, so mixed-case duplicates ("D:" vs "d:") are unreachable.
                if raw.contains(where: { ($0 >= 0x41 && $0 <= 0x5A) || $0 >= 0x80 }), token != token.lowercased() { continue }
                parsed.append((token, value))
            }
        }
        if let failedLine { throw DataFileError(file: path, line: failedLine, message: "expected 'token<TAB>valence…'") }
        words.reserveCapacity(words.count + parsed.count)
        for (token, value) in parsed { words[token] = value }
    }

    /// Our format (`phrase  valence`, sections ignored); entries override VADER's.
    public mutating func add(file: SectionedFile, normalizer: Normalizer) throws {
        for entry in file.entries {
            let (term, value) = try file.termAndValue(entry, range: -4...4)
            let pattern = normalizer.pattern(term)
            if pattern.count == 1, case .exact(let w) = pattern[0] {
                words[w] = value
            } else if pattern.isEmpty {
                // Emoji and emoticons are not words to ICU; key them by their folded text.
                words[normalizer.fold(term)] = value
            } else {
                phrases.insert(pattern, value)
            }
        }
    }
}
