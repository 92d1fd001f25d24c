import Foundation

/// VADER-style compound sentiment in [-1, 1] over normalized tokens.
///
/// Constants are VADER's (Hutto & Gilbert, ICWSM 2014), which were fitted to human ratings;
/// see README "About the scoring" for how they combine.
public struct SentimentAnalyzer: Sendable {
    /// Added to a sentiment word written in ALL CAPS inside mixed-case text (VADER C_INCR).
    public static let capsEmphasis = 0.733
    /// Multiplier for a negated sentiment word: flips and damps it (VADER N_SCALAR).
    public static let negationScalar = -0.74
    /// Per "!" (at most `maxExclamations`), added in the direction of the sum (VADER).
    public static let exclamationEmphasis = 0.292
    public static let maxExclamations = 4
    /// Per "?" when there are 2–3, and the cap for more (VADER).
    public static let questionEmphasis = 0.18
    public static let questionEmphasisCap = 0.96
    /// Squashes the raw sum into [-1, 1]: x / sqrt(x² + α). VADER's α = 15 approximates the
    /// maximum expected sum.
    public static let normalizationAlpha = 15.0
    /// Weights before/after a contrast word ("but"): the later clause dominates (VADER).
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

    public func compound(_ text: NormalizedText) -> Double {
        let tokens = text.tokens.filter { $0.kind != .punctuation }
        guard !tokens.isEmpty else { return 0 }
        let words = tokens.map(\.text)
        let capsCount = tokens.lazy.filter(\.isAllCaps).count
        // VADER only rewards caps when they stand out: a fully shouted text gets no extra.
        let capsStandOut = capsCount > 0 && capsCount < tokens.lazy.filter(\.isLexical).count

        var valences = [Double](repeating: 0, count: tokens.count)
        var i = 0
        while i < tokens.count {
            var valence: Double
            var length = 1
            if let phrase = lexicon.phrases.matches(in: words, at: i).first {
                valence = phrase.payload
                length = phrase.length
            } else if modifiers.intensifiers[words[i]] != nil {
                valence = 0  // an intensifier carries no sentiment of its own
            } else {
                valence = lexicon.words[words[i]] ?? 0
            }
            if valence != 0 {
                valence = adjust(valence, at: i, tokens: tokens, words: words, capsStandOut: capsStandOut)
            }
            valences[i] = valence
            i += length
        }

        if let contrast = words.lastIndex(where: { modifiers.contrast.contains($0) }) {
            for j in valences.indices where j < contrast { valences[j] *= Self.beforeContrast }
            for j in valences.indices where j > contrast { valences[j] *= Self.afterContrast }
        }

        var sum = valences.reduce(0, +)
        if sum != 0 { sum += (sum > 0 ? 1 : -1) * punctuationEmphasis(text) }
        return Self.normalize(sum)
    }

    private func adjust(_ base: Double, at i: Int, tokens: [Token], words: [String], capsStandOut: Bool) -> Double {
        let sign: Double = base > 0 ? 1 : -1
        var valence = base
        if capsStandOut && tokens[i].isAllCaps { valence += sign * Self.capsEmphasis }
        for distance in 1...Self.scopeWindow where i - distance >= 0 {
            let previous = words[i - distance]
            if let boost = modifiers.intensifiers[previous] {
                var scalar = boost * Self.intensifierDecay[distance - 1]
                if capsStandOut && tokens[i - distance].isAllCaps { scalar += (boost > 0 ? 1 : -1) * Self.capsEmphasis }
                valence += sign * scalar
            }
            if modifiers.isNegator(previous) { valence *= Self.negationScalar }
        }
        return valence
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
