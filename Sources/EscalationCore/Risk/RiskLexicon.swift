/// Risk categories and their terms, read from `Lexicons/risk.txt`.
///
/// Format: `[category]` then one term per line; `word*` is a stem; a line `!phrase` is an
/// exemption: a hit of that category lying wholly inside the phrase ("legal entity") does not count.
public struct RiskLexicon: Sendable {
    public struct Term: Sendable {
        public var category: String
        public var text: String
    }

    public private(set) var categories: [String] = []
    public var terms = PhraseMatcher<Term>()
    /// Exempt phrases, each with the category it exempts.
    public var exemptions = PhraseMatcher<String>()

    public init() {}

    public init(file: SectionedFile, normalizer: Normalizer) throws {
        for entry in file.entries {
            guard let category = entry.section else { throw file.error(entry, "term before any [category]") }
            guard category.allSatisfy({ $0.isLetter || $0 == "_" }) else {
                throw file.error(entry, "category name '\(category)' must be letters and underscores")
            }
            let isExemption = entry.text.hasPrefix("!")
            let text = isExemption ? String(entry.text.dropFirst()) : entry.text
            let pattern = normalizer.pattern(text)
            guard !pattern.isEmpty else { throw file.error(entry, "term '\(entry.text)' has no words") }
            if isExemption {
                exemptions.insert(pattern, category)
            } else {
                if !categories.contains(category) { categories.append(category) }
                terms.insert(pattern, Term(category: category, text: text))
            }
        }
    }
}
