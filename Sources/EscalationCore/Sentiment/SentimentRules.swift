/// VADER's rules (Hutto & Gilbert, ICWSM 2014) over a ticket's words, with its constants, which
/// were fitted to human ratings; README "About the scoring" explains how they combine.
extension SentimentAnalyzer {
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
    /// Intensifier weight at distance 1, 2, 3 (VADER: 1, 0.95, 0.9); a function, not a shared
    /// global array, which every scoring thread would retain and release per word.
    @inline(__always) public static func decay(_ distance: Int) -> Double {
        distance == 1 ? 1.0 : distance == 2 ? 0.95 : 0.9
    }

    /// A word's valence; words not listed have none. Most words have none, so every rule after
    /// the first pass reads this short list, not a value per word.
    struct Scored {
        var word: Int32
        var value: Double
    }


    /// The words' valences after every rule, in word order. Marks phrase words and risk starts
    /// in `c` (in place: a copy of the words would cost more than the rest).
    func score(_ c: inout Context, _ text: NormalizedText, _ risks: [RiskHit],
                       _ riskValence: [String: Double]) -> [Scored] {
        // Hits are read in place (a copy of one retains and releases its strings); their words
        // (-1: none) are kept in stack memory (a few; an array would cost more than the rest).
        withUnsafeTemporaryAllocation(of: Int.self, capacity: risks.count) { riskWords in
            for h in risks.indices {
                let word = c.word(ofToken: risks[h].tokenIndex)
                if let i = word { c.words[i].state.insert(.riskStart) }
                riskWords.initializeElement(at: h, to: word ?? -1)
            }
            return score(&c, risks, words: UnsafeBufferPointer(riskWords), riskValence)
        }
    }

    /// `score`, given each hit's word (-1: none), with risk starts marked.
    private func score(_ c: inout Context, _ risks: [RiskHit], words riskWords: UnsafeBufferPointer<Int>,
                       _ riskValence: [String: Double]) -> [Scored] {
        // One pass, left to right: a phrase (longest first) is tried before a word's own valence,
        // so phrase words are not read again as modifiers ("can't believe"); modifiers are read
        // backwards only, from words already passed.
        var scored: [Scored] = []
        scored.reserveCapacity(16)
        var i = 0
        while i < c.count {
            // Most words neither start a phrase nor carry a valence: nothing to try there.
            if !phrasesStartAnywhere {
                i = c.words.withUnsafeBufferPointer { words in
                    var next = i
                    while next < words.count && words[next].facts.isDisjoint(with: [.valence, .mayStartPhrase]) { next += 1 }
                    return next
                }
                guard i < c.count else { break }
            }
            if let phrase = phrases.longest(in: c.view, at: i) {
                for j in i..<(i + phrase.length) { c.words[j].state.insert(.inPhrase) }
                let valence = phrases.payload(phrase.entry)
                if valence != 0 { scored.append(Scored(word: Int32(i), value: adjust(valence, at: i, c))) }
                i += phrase.length
                continue
            }
            let word = c.words[i]
            if word.facts.contains(.valence) && !word.facts.contains(.intensifier) {
                // "no" that negates what follows ("no more errors", "no outage") is not a sentiment itself.
                let valence = word.facts.contains(.shortNegator) && negatesNext(i, c) ? 0 : valenceOf[Int(c.id(i))]
                if valence != 0 { scored.append(Scored(word: Int32(i), value: adjust(valence, at: i, c))) }
            }
            i += 1
        }

        // Hits of one category often come in a row: its valence is looked up once for the run
        // (hashing the name costs more than comparing two short strings).
        var lastCategory: (name: String, valence: Double?)? = nil
        for h in risks.indices {
            let i = riskWords[h]
            guard i >= 0 else { continue }
            let k = Self.position(of: i, in: scored)
            let present = k < scored.count && scored[k].word == Int32(i)
            if risks[h].exempt {
                if present { scored[k].value = 0 }  // a harmless mention ("cancel the export") is no complaint
                continue
            }
            guard risks[h].counts else { continue }
            if lastCategory?.name != risks[h].category {
                lastCategory = (risks[h].category, riskValence[risks[h].category])
            }
            if let v = lastCategory?.valence, v < 0 {
                // The stronger of the word's own valence and the risk's, not both: no double counting.
                let risk = v - (c.capsStandOut && c.words[i].state.contains(.caps) ? Self.capsEmphasis : 0)
                if present { scored[k].value = min(scored[k].value, risk) } else { scored.insert(Scored(word: Int32(i), value: min(0, risk)), at: k) }
            }
        }
        applySarcasm(&scored, c)
        for k in scored.indices {
            let i = Int(scored[k].word)
            // Asking how something works is not an emotion, whatever words the question uses.
            if c.isInQuestion(i) { scored[k].value = 0 }
            if let contrast = c.contrast {
                if i < contrast { scored[k].value *= Self.beforeContrast } else if i > contrast { scored[k].value *= Self.afterContrast }
            }
        }
        return scored
    }


    /// Where word `i` is, or would go, in `scored` (ordered by word).
    private static func position(of i: Int, in scored: [Scored]) -> Int {
        scored.partitionPoint { Int($0.word) < i }
    }

    private func negatesNext(_ i: Int, _ c: borrowing Context) -> Bool {
        for j in (i + 1)...(i + 2) where j < c.count {
            if c.words[j].facts.contains(.valence) || c.words[j].state.contains(.riskStart) { return true }
            if c.words[j].state.contains(.boundaryAfter) { break }
        }
        return false
    }

    /// "Great, down again." — praise opening a sentence whose rest is negative is sarcasm. The
    /// opener is one of the sentence's first two words (it may follow an interjection: "Oh
    /// perfect, …"), the first of them that qualifies.
    private func applySarcasm(_ scored: inout [Scored], _ c: borrowing Context) {
        var lastSentence: Int32 = -1
        for k in scored.indices {
            let o = Int(scored[k].word)
            let word = c.words[o]
            guard word.sentence != lastSentence, scored[k].value > 0, word.facts.contains(.sarcasticOpener),
                  word.state.contains(.boundaryAfter) else { continue }
            let first = o == 0 || c.words[o - 1].sentence != word.sentence
            let second = !first && (o == 1 || c.words[o - 2].sentence != word.sentence)
            guard first || second else { continue }
            lastSentence = word.sentence
            var rest = 0.0
            var j = k + 1
            while j < scored.count && c.words[Int(scored[j].word)].sentence == word.sentence { rest += scored[j].value; j += 1 }
            if rest < 0 { scored[k].value *= Self.negationScalar }
        }
    }

    private func adjust(_ base: Double, at i: Int, _ c: borrowing Context) -> Double {
        // The rules read word i and the few before it: through buffer pointers, with `i` checked
        // once here (every read is at i or at most `scopeWindow` before it, never below 0).
        c.words.withUnsafeBufferPointer { words in
            c.view.ids.withUnsafeBufferPointer { ids in
                precondition(i >= 0 && i < words.count && ids.count == words.count)
                return adjust(base, at: i, words, ids, capsStandOut: c.capsStandOut)
            }
        }
    }

    @inline(__always)
    private func adjust(_ base: Double, at i: Int, _ words: UnsafeBufferPointer<Word>, _ ids: UnsafeBufferPointer<Int32>,
                        capsStandOut: Bool) -> Double {
        var valence = base
        if shortNegated(at: i, words, ids) { valence *= Self.negationScalar }
        if capsStandOut && words[i].state.contains(.caps) { valence += (valence > 0 ? 1 : -1) * Self.capsEmphasis }
        for distance in 1...Self.scopeWindow where i - distance >= 0 {
            let m = words[i - distance]
            // Modifiers do not reach across clause punctuation: "not cancelling, we love it".
            if m.state.contains(.boundaryAfter) { break }
            // A word with a sentiment of its own is not a modifier (VADER's rule), nor is a
            // word inside a phrase ("can't believe").
            guard !m.facts.contains(.valence), !m.state.contains(.inPhrase) else { continue }
            if m.facts.contains(.intensifier) {
                let boost = intensifierOf[Int(ids[i - distance])]
                var scalar = boost * Self.decay(distance)
                if capsStandOut && m.state.contains(.caps) { scalar += (boost > 0 ? 1 : -1) * Self.capsEmphasis }
                valence += (valence > 0 ? 1 : -1) * scalar
            }
            if neverSo(at: i, distance: distance, ids) {
                valence *= Self.neverSoEmphasis
            } else if m.state.contains(.negator) {
                valence *= Self.negationScalar
            }
        }
        // "the least helpful" negates; "at least helpful" and "the very least" do not.
        if i >= 1, ids[i - 1] == ruleWords.least, i < 2 || (ids[i - 2] != ruleWords.at && ids[i - 2] != ruleWords.very) {
            valence *= Self.negationScalar
        }
        return valence
    }

    @inline(__always)
    private func shortNegated(at i: Int, _ words: UnsafeBufferPointer<Word>, _ ids: UnsafeBufferPointer<Int32>) -> Bool {
        for distance in 1...2 where i - distance >= 0 {
            let j = i - distance
            if (j..<i).contains(where: { words[$0].state.contains(.boundaryAfter) }) { return false }
            if words[j].facts.contains(.shortNegator) { return true }
        }
        // "no X or Y": the negation reaches across "or"/"nor".
        if i >= 3, words[i - 3].facts.contains(.shortNegator), ids[i - 1] == ruleWords.or || ids[i - 1] == ruleWords.nor,
           !(i - 3..<i).contains(where: { words[$0].state.contains(.boundaryAfter) }) {
            return true
        }
        return false
    }

    @inline(__always)
    private func neverSo(at i: Int, distance: Int, _ ids: UnsafeBufferPointer<Int32>) -> Bool {
        guard distance >= 2, ids[i - distance] == ruleWords.never else { return false }
        return (1..<distance).contains { ids[i - $0] == ruleWords.so || ids[i - $0] == ruleWords.this }
    }

    static func punctuationEmphasis(_ text: NormalizedText) -> Double {
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
