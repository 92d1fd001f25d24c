import Foundation

/// Escalation rate per detected language, for `score --summary`: a lexicon gap in one language
/// shows as a rate far from the others'.
struct LanguageRates {
    /// A run sees a handful of languages, most tickets in the first few: a short list searched
    /// from the front costs less per ticket than hashing the code into a dictionary.
    private var counts: [(language: String, scored: Int, escalated: Int)] = []

    mutating func add(_ language: String, escalated: Bool) {
        guard let k = counts.firstIndex(where: { $0.language == language }) else {
            counts.append((language, 1, escalated ? 1 : 0))
            return
        }
        counts[k].scored += 1
        if escalated { counts[k].escalated += 1 }
    }

    /// "by language: en 1200 scored, 10.2% escalated; de 300, 8.0%", most tickets first; nil when empty.
    var summary: String? {
        guard !counts.isEmpty else { return nil }
        let parts = counts.sorted { ($0.scored, $1.language) > ($1.scored, $0.language) }.map { c in
            "\(c.language) \(c.scored) scored, \(String(format: "%.1f%%", 100 * Double(c.escalated) / Double(c.scored))) escalated"
        }
        return "summary by language: " + parts.joined(separator: "; ")
    }
}
