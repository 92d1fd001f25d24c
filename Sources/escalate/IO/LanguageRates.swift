import Foundation

/// Escalation rate per detected language, for `score --summary`: a lexicon gap in one language
/// shows as a rate far from the others'.
struct LanguageRates {
    private var counts: [String: (scored: Int, escalated: Int)] = [:]

    mutating func add(_ language: String, escalated: Bool) {
        var c = counts[language, default: (0, 0)]
        c.scored += 1
        if escalated { c.escalated += 1 }
        counts[language] = c
    }

    /// "by language: en 1200 scored, 10.2% escalated; de 300, 8.0%", most tickets first; nil when empty.
    var summary: String? {
        guard !counts.isEmpty else { return nil }
        let parts = counts.sorted { ($0.value.scored, $1.key) > ($1.value.scored, $0.key) }.map { language, c in
            "\(language) \(c.scored) scored, \(String(format: "%.1f%%", 100 * Double(c.escalated) / Double(c.scored))) escalated"
        }
        return "summary by language: " + parts.joined(separator: "; ")
    }
}
