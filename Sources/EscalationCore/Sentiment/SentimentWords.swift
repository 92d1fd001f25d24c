/// The words of one ticket as sentiment's rules read them: each with what the lexicon says
/// about it (`Facts`, by vocabulary id) and what the ticket says about it (`State`).
extension SentimentAnalyzer {
    /// What the lexicon and modifiers say about a word, as bits by vocabulary id, so building a
    /// ticket's words reads one byte per word; values sit in their own arrays, read only for
    /// the few words that have them.
    struct Facts: OptionSet, Sendable {
        let rawValue: UInt8
        static let valence = Facts(rawValue: 1 << 0)
        static let intensifier = Facts(rawValue: 1 << 1)
        static let negator = Facts(rawValue: 1 << 2)
        static let shortNegator = Facts(rawValue: 1 << 3)
        static let contrast = Facts(rawValue: 1 << 4)
        static let sarcasticOpener = Facts(rawValue: 1 << 5)
        static let questionOpener = Facts(rawValue: 1 << 6)
        /// Some lexicon phrase may start here (all unknown words: they may by a stem).
        static let mayStartPhrase = Facts(rawValue: 1 << 7)
    }

    /// Words some rule names ("the least helpful", "never so good", "no X or Y"), by id.
    struct RuleWords: Sendable {
        static let list = ["least", "at", "very", "never", "so", "this", "or", "nor"]
        var least, at, very, never, so, this, or, nor: Int32
    }

    /// What sentiment learns about a word in its ticket, beside the word's facts.
    struct State: OptionSet {
        let rawValue: UInt8
        static let caps = State(rawValue: 1 << 0)
        /// Clause punctuation follows the word (short negators stop there).
        static let boundaryAfter = State(rawValue: 1 << 1)
        static let negator = State(rawValue: 1 << 3)
        /// Part of a matched lexicon phrase.
        static let inPhrase = State(rawValue: 1 << 4)
        /// A risk hit starts here.
        static let riskStart = State(rawValue: 1 << 5)
    }

    /// One word sentiment looks at (any non-punctuation token): 8 bytes, no optionals. Its
    /// token index and id are in `Context.view` (`tokens`, `ids`).
    struct Word {
        /// Index of the sentence the word is in.
        var sentence: Int32
        var facts: Facts
        var state: State
    }

    struct Context {
        var words: [Word]
        /// Token index and id of each word, for phrase matching; token indices ascend.
        var view: WordView
        var capsStandOut: Bool
        /// The first word with a contrast fact ("but"), or nil.
        var contrast: Int?
        /// Per token: in an informational question ("How do I cancel one seat?"). Read only for
        /// the few words with a valence, so no word is marked with it.
        let questions: [Bool]
        var count: Int { words.count }

        @inline(__always) func id(_ i: Int) -> Int32 { view.ids[i] }
        @inline(__always) func isInQuestion(_ i: Int) -> Bool { questions[view.tokens[i]] }


        /// Word index of token `t`, if it is a word (a binary search: asked once per risk hit).
        func word(ofToken t: Int) -> Int? { view.tokens.sortedIndex(of: t) }
    }

    func context(_ encoded: EncodedText, questions given: [Bool]?) -> Context {
        let questions = given ?? questionMask(encoded)
        precondition(questions.count == encoded.ids.count)
        let factsOf = self.facts
        var capsCount = 0
        var contrast = -1
        // Each word with its token index and id (for phrase matching).
        let (words, tokenOfWord, idOfWord) = encoded.withTokenView { tokens in
            writeRows(capacity: tokens.count, blank: (Word(sentence: 0, facts: [], state: []), 0, Int32(0))) { out in
                // Counted here, not in captured variables, which each word would load and store.
                var sentence: Int32 = 0, caps = 0, firstContrast = -1
                defer { (capsCount, contrast) = (caps, firstContrast) }
                for t in 0..<tokens.count {
                    if tokens.isPunctuation(t) {
                        if out.count > 0 { out[row: out.count - 1].state.insert(.boundaryAfter) }
                        if tokens.endsSentence(t) { sentence += 1 }
                        continue
                    }
                    let id = tokens.id(t)
                    let facts: Facts = id >= 0 ? (Int(id) < factsOf.count ? factsOf[Int(id)] : []) : .mayStartPhrase
                    var state: State = tokens.endsInNT(t) ? .negator : []
                    if tokens.isAllCaps(t) { state.insert(.caps); caps += 1 }
                    // Most words have no facts: one test skips the rules that need some.
                    if !facts.isEmpty {
                        if facts.contains(.negator) { state.insert(.negator) }
                        if facts.contains(.contrast) && firstContrast < 0 { firstContrast = out.count }
                    }
                    out.append(Word(sentence: sentence, facts: facts, state: state), t, id)
                }
            }
        }
        // Caps only count when they stand out: a fully shouted text gets no extra.
        return Context(words: words, view: WordView(encoded, tokens: tokenOfWord, ids: idOfWord, windows: []),
                       capsStandOut: capsCount > 0 && capsCount < words.count, contrast: contrast >= 0 ? contrast : nil,
                       questions: questions)
    }
}
