/// Risk categories and their terms, read from `Lexicons/risk.txt`.
///
/// Format: `[category]` then one term per line; `word*` is a stem; a line `!phrase` is an
/// exemption: a hit of that category lying wholly inside the phrase ("legal entity") does not count;
/// a line `?phrase` is a request even when asked ("could I speak to a supervisor?"): it counts inside
/// informational questions, which its category otherwise ignores.
public struct RiskLexicon: Sendable {
    public struct Term: Sendable {
        public var category: String
        public var text: String
    }

    public private(set) var categories: [String] = []
    /// Sentiment a counted hit of the category adds (−4…0): an outage report is a complaint.
    public private(set) var valence: [String: Double] = [:]
    /// Categories whose hits in informational questions do not count ("Is the SLA timer paused?").
    public private(set) var ignoredInQuestions: Set<String> = []
    /// Categories a preceding negator does not negate: "can't log in since yesterday" still
    /// happened since yesterday (impact's urgency and head-count categories).
    public private(set) var ignoresNegation: Set<String> = []
    public var terms = PhraseMatcher<Term>()
    /// Indices in `terms` of entries written `?term`: they count inside informational questions
    /// too. Kept apart from `Term`, which every match copies: a larger payload costs each word.
    public private(set) var requests: Set<Int> = []
    /// Exempt phrases, each with the category it exempts.
    public var exemptions = PhraseMatcher<String>()

    public init() {}

    /// `base`: the lexicon another language's file completes (`risk.txt` for `risk.de.txt`). Its
    /// categories are the only ones allowed, with their attributes unless the header sets its own.
    public init(file: SectionedFile, normalizer: Normalizer, base: RiskLexicon? = nil) throws {
        if let base { (valence, ignoredInQuestions, ignoresNegation) = ([:], base.ignoredInQuestions, base.ignoresNegation) }
        // Entries come grouped by section: its header is read once per group, not once per term.
        var header: (section: String, category: String)?
        for entry in file.entries {
            guard let section = entry.section else { throw file.error(entry, "term before any [category]") }
            let category: String
            if let header, header.section == section {
                category = header.category
            } else {
                category = try readHeader(section, base: base, entry: entry, file: file)
                header = (section, category)
            }
            let isExemption = entry.text.hasPrefix("!"), isRequest = entry.text.hasPrefix("?")
            let text = isExemption || isRequest ? String(entry.text.dropFirst()) : entry.text
            let pattern = normalizer.pattern(text)
            guard !pattern.isEmpty else { throw file.error(entry, "term '\(entry.text)' has no words") }
            if isExemption {
                exemptions.insert(pattern, category)
            } else {
                if !categories.contains(category) { categories.append(category) }
                if isRequest { requests.insert(terms.count) }
                terms.insert(pattern, Term(category: category, text: text))
            }
        }
    }

    /// A section's category, its attributes read the first time it is seen.
    private mutating func readHeader(_ section: String, base: RiskLexicon?, entry: SectionedFile.Entry, file: SectionedFile) throws -> String {
        let parts = section.split(separator: " ")
        let category = String(parts[0])
        guard category.allSatisfy({ $0.isLetter || $0 == "_" }) else {
            throw file.error(entry, "category name '\(category)' must be letters and underscores")
        }
        if let base {
            guard let inherited = base.valence[category] else {
                throw file.error(entry, "unknown category [\(category)]; expected one of \(base.categories.joined(separator: ", "))")
            }
            if valence[category] == nil {
                valence[category] = inherited
                if parts.count > 1 { try readAttributes(parts.dropFirst(), category: category, entry: entry, file: file) }
            }
        } else if valence[category] == nil {
            try readAttributes(parts.dropFirst(), category: category, entry: entry, file: file)
        }
        return category
    }

    /// Categories with no terms and the given attributes: the base of files that may only use these.
    public init(categories: [String], valence: Double = 0, ignoredInQuestions: Bool, ignoringNegation: Set<String> = []) {
        self.categories = categories
        for c in categories { self.valence[c] = valence }
        if ignoredInQuestions { self.ignoredInQuestions = Set(categories) }
        ignoresNegation = ignoringNegation
    }

    /// Both lexicons' terms and exemptions; this one's attributes win.
    public func merging(_ other: RiskLexicon) -> RiskLexicon {
        var m = self
        for c in other.categories where !m.categories.contains(c) { m.categories.append(c) }
        m.valence.merge(other.valence) { mine, _ in mine }
        m.ignoredInQuestions.formUnion(other.ignoredInQuestions.filter { valence[$0] == nil })
        m.ignoresNegation.formUnion(other.ignoresNegation.filter { valence[$0] == nil })
        m.requests.formUnion(other.requests.map { $0 + m.terms.count })
        for e in other.terms.entries { m.terms.insert(e.words, e.payload) }
        for e in other.exemptions.entries { m.exemptions.insert(e.words, e.payload) }
        return m
    }

    /// `[outage valence=-2 questions=ignore]`: attributes after the category name.
    private mutating func readAttributes(_ attributes: ArraySlice<Substring>, category: String,
                                         entry: SectionedFile.Entry, file: SectionedFile) throws {
        valence[category] = 0
        for attribute in attributes {
            let kv = attribute.split(separator: "=", maxSplits: 1).map(String.init)
            switch (kv.first, kv.count == 2 ? kv[1] : nil) {
            case ("valence", let v?):
                guard let x = Double(v), (-4...0).contains(x) else {
                    throw file.error(entry, "valence of [\(category)] must be a number in -4...0, got '\(v)'")
                }
                valence[category] = x
            case ("questions", "ignore"?): ignoredInQuestions.insert(category)
            case ("questions", "count"?): break
            default:
                throw file.error(entry, "unknown attribute '\(attribute)' of [\(category)]; expected valence=N or questions=ignore|count")
            }
        }
    }
}
