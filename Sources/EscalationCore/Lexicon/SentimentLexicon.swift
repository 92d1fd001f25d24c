import Foundation

/// Word and phrase valences on VADER's −4…+4 scale.
public struct SentimentLexicon: Sendable {
    public var words: [String: Double] = [:]
    /// Multi-word entries ("still waiting", "works now"); matched before single words.
    public var phrases = PhraseMatcher<Double>()

    public init() {}

    /// Entries that are symbol runs rather than words (":-(", "<3"), for the normalizer.
    public var emoticons: Set<String> {
        Set(words.keys.filter { key in
            key.utf8.count >= 2 && key.utf8.count <= 8 && key.unicodeScalars.allSatisfy { $0.isASCII && $0.value > 0x20 }
                && key.unicodeScalars.contains { !($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
                && key.unicodeScalars.filter(\.properties.isAlphabetic).count <= 2  // not "b-day" or "can't"
        })
    }

    /// VADER's file: `token TAB mean TAB sd TAB [ratings]`. Only the first two fields are used.
    public mutating func addVADER(path: String, contents: String) throws {
        var line = 0
        for raw in contents.split(separator: "\n", omittingEmptySubsequences: false) {
            line += 1
            if raw.isEmpty { continue }
            let fields = raw.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 2, let value = Double(fields[1].trimmingCharacters(in: .whitespaces)) else {
                throw DataFileError(file: path, line: line, message: "expected 'token<TAB>valence…'")
            }
            let token = String(fields[0])
            // VADER looks tokens up lower-cased, so mixed-case duplicates ("D:" vs "d:") are unreachable.
            guard token == token.lowercased() else { continue }
            words[token] = value
        }
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
