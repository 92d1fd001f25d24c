import Foundation

/// VADER-style compound sentiment in [-1, 1] over normalized tokens.
///
/// Constants are VADER's (Hutto & Gilbert, ICWSM 2014), which were fitted to human ratings;
/// README "About the scoring" explains how they combine.
public struct SentimentAnalyzer: Sendable {
    /// Added to a sentiment word written in ALL CAPS inside mixed-case text (VADER C_INCR).
    public static let capsEmphasis = 0.733
    /// Multiplier for a negated sentiment word: flips and damps it (VADER N_SCALAR).
    public static let negationScalar = -0.74
    /// "never so good", "never this bad": emphasis, not negation (VADER).
    public static let neverSoEmphasis = 1.25
    /// Per "!" (at most `maxExclamations`), added in the direction of the sum (VADER).
    public static let exclamationEmphasis = 0.292
    public static let maxExclamations = 4
    /// Per "?" when there are 2–3, and the cap for more (VADER).
    public static let questionEmphasis = 0.18
    public static let questionEmphasisCap = 0.96
    /// Squashes the raw sum into [-1, 1]: x / sqrt(x² + α). VADER's α = 15 approximates the
    /// maximum expected sum.
    public static let normalizationAlpha = 15.0
    /// Weights before/after the first contrast word ("but"): the later clause dominates (VADER).
    public static let beforeContrast = 0.5
    public static let afterContrast = 1.5
    /// How far back negators and intensifiers reach, and how an intensifier fades with distance.
    public static let scopeWindow = 3
    public static let intensifierDecay = [1.0, 0.95, 0.9]

    public var lexicon: SentimentLexicon
    public var modifiers: Modifiers

    public init(lexicon: SentimentLexicon, modifiers: Modifiers) {
        self.lexicon = lexicon
        self.modifiers = modifiers
    }

    /// The words sentiment looks at, with what it needs to know about each.
    private struct Context {
        var words: [String] = []
        var caps: [Bool] = []
        /// Clause punctuation follows word i (short negators stop there).
        var boundaryAfter: [Bool] = []
        var capsStandOut = false
    }

    private func context(_ text: NormalizedText) -> Context {
        var c = Context()
        for token in text.tokens {
            if token.kind == .punctuation {
                if !c.boundaryAfter.isEmpty { c.boundaryAfter[c.boundaryAfter.count - 1] = true }
                continue
            }
            c.words.append(token.text)
            c.caps.append(token.isAllCaps)
            c.boundaryAfter.append(false)
        }
        // Caps only count when they stand out: a fully shouted text gets no extra.
        let capsCount = c.caps.lazy.filter { $0 }.count
        c.capsStandOut = capsCount > 0 && capsCount < c.words.count
        return c
    }

    public func compound(_ text: NormalizedText) -> Double {
        let c = context(text)
        guard !c.words.isEmpty else { return 0 }
        var valences = [Double](repeating: 0, count: c.words.count)
        var i = 0
        while i < c.words.count {
            var length = 1
            if let phrase = lexicon.phrases.matches(in: c.words, at: i).first {
                valences[i] = adjust(phrase.payload, at: i, c)
                length = phrase.length
            } else if modifiers.intensifiers[c.words[i]] == nil, var valence = lexicon.words[c.words[i]] {
                // "no" followed by a sentiment word is a negator, not a sentiment of its own.
                if modifiers.shortNegators.contains(c.words[i]) && i + 1 < c.words.count && valenceOf(c.words[i + 1]) != nil {
                    valence = 0
                }
                valences[i] = valence == 0 ? 0 : adjust(valence, at: i, c)
            }
            i += length
        }

        if let contrast = c.words.firstIndex(where: { modifiers.contrast.contains($0) }) {
            for j in valences.indices where j < contrast { valences[j] *= Self.beforeContrast }
            for j in valences.indices where j > contrast { valences[j] *= Self.afterContrast }
        }

        var sum = valences.reduce(0, +)
        if sum != 0 { sum += (sum > 0 ? 1 : -1) * punctuationEmphasis(text) }
        return Self.normalize(sum)
    }

    private func valenceOf(_ word: String) -> Double? { lexicon.words[word] }

    private func adjust(_ base: Double, at i: Int, _ c: Context) -> Double {
        var valence = base
        if shortNegated(at: i, c) { valence *= Self.negationScalar }
        if c.capsStandOut && c.caps[i] { valence += (valence > 0 ? 1 : -1) * Self.capsEmphasis }
        for distance in 1...Self.scopeWindow where i - distance >= 0 {
            let previous = c.words[i - distance]
            // A word with a sentiment of its own is not a modifier (VADER's rule).
            guard valenceOf(previous) == nil else { continue }
            if let boost = modifiers.intensifiers[previous] {
                var scalar = boost * Self.intensifierDecay[distance - 1]
                if c.capsStandOut && c.caps[i - distance] { scalar += (boost > 0 ? 1 : -1) * Self.capsEmphasis }
                valence += (valence > 0 ? 1 : -1) * scalar
            }
            if neverSo(at: i, distance: distance, c) {
                valence *= Self.neverSoEmphasis
            } else if modifiers.isNegator(previous) {
                valence *= Self.negationScalar
            }
        }
        // "the least helpful" negates; "at least helpful" and "the very least" do not.
        if i >= 1, c.words[i - 1] == "least", i < 2 || (c.words[i - 2] != "at" && c.words[i - 2] != "very") {
            valence *= Self.negationScalar
        }
        return valence
    }

    private func shortNegated(at i: Int, _ c: Context) -> Bool {
        for distance in 1...2 where i - distance >= 0 {
            let j = i - distance
            if (j..<i).contains(where: { c.boundaryAfter[$0] }) { return false }
            if modifiers.shortNegators.contains(c.words[j]) { return true }
        }
        // "no X or Y": the negation reaches across "or"/"nor".
        if i >= 3, modifiers.shortNegators.contains(c.words[i - 3]), ["or", "nor"].contains(c.words[i - 1]),
           !(i - 3..<i).contains(where: { c.boundaryAfter[$0] }) {
            return true
        }
        return false
    }

    private func neverSo(at i: Int, distance: Int, _ c: Context) -> Bool {
        guard distance >= 2, c.words[i - distance] == "never" else { return false }
        return (1..<distance).contains { ["so", "this"].contains(c.words[i - $0]) }
    }

    private func punctuationEmphasis(_ text: NormalizedText) -> Double {
        let exclamation = Double(min(text.exclamationMarks, Self.maxExclamations)) * Self.exclamationEmphasis
        var question = 0.0
        if text.questionMarks > 1 {
            question = text.questionMarks <= 3 ? Double(text.questionMarks) * Self.questionEmphasis : Self.questionEmphasisCap
        }
        return exclamation + question
    }

    public static func normalize(_ sum: Double) -> Double {
        let score = sum / (sum * sum + normalizationAlpha).squareRoot()
        return min(1, max(-1, score))
    }
}
