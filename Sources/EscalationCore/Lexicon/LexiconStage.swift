/// A stage that reads tickets through its lexicon and the modifiers, looking words up by id in
/// a `Vocabulary` shared with the other stages: it first registers the words and stems it
/// looks up, then is built over the finished vocabulary (`Escalator` does both).
public protocol LexiconStage {
    associatedtype Lexicon
    /// Adds the words and stems the stage looks up.
    static func register(lexicon: Lexicon, modifiers: Modifiers, into builder: inout Vocabulary.Builder)
    /// `vocabulary` must hold what `register` adds.
    init(lexicon: Lexicon, modifiers: Modifiers, vocabulary: Vocabulary)
}

extension LexiconStage {
    /// A standalone stage with a vocabulary of its own (tests, `explain`).
    public init(lexicon: Lexicon, modifiers: Modifiers) {
        var builder = Vocabulary.Builder()
        Self.register(lexicon: lexicon, modifiers: modifiers, into: &builder)
        self.init(lexicon: lexicon, modifiers: modifiers, vocabulary: builder.build())
    }
}
