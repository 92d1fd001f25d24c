/// Words that change the valence of their neighbours, read from `Lexicons/modifiers.txt`.
public struct Modifiers: Sendable {
    /// Flip and damp a following sentiment word ("not happy"); any word ending in n't also counts.
    public var negators: Set<String> = []
    /// Negate only a sentiment word one or two words later, in the same clause ("no good").
    public var shortNegators: Set<String> = []
    /// Intensity added (boosters, > 0) or removed (dampeners, < 0) from a following sentiment word.
    public var intensifiers: [String: Double] = [:]
    /// Contrast words: what follows them weighs more than what precedes ("fine, but slow").
    public var contrast: Set<String> = []
    /// First words of informational questions ("how", "can", "is"): see `informationalQuestionMask`.
    public var questionOpeners: Set<String> = []
    /// Praise words that turn sarcastic when they open a complaining sentence ("Great, down again").
    public var sarcasticOpeners: Set<String> = []
    /// Frequent words that tell the file's language apart (language detection only).
    public var functionWords: Set<String> = []

    public init() {}

    public init(file: SectionedFile, normalizer: Normalizer) throws {
        for entry in file.entries {
            switch entry.section {
            case "negators": negators.insert(normalizer.fold(entry.text))
            case "short_negators": shortNegators.insert(normalizer.fold(entry.text))
            case "contrast": contrast.insert(normalizer.fold(entry.text))
            case "question_openers": questionOpeners.insert(normalizer.fold(entry.text))
            case "sarcastic_openers": sarcasticOpeners.insert(normalizer.fold(entry.text))
            case "function_words": functionWords.insert(normalizer.fold(entry.text))
            case "intensifiers":
                let (term, value) = try file.termAndValue(entry, range: -2...2)
                intensifiers[normalizer.fold(term)] = value
            case nil: throw file.error(entry, "entry before any [section]")
            case let other?: throw file.error(entry, "unknown section [\(other)]; expected negators, short_negators, intensifiers, contrast, question_openers, sarcastic_openers or function_words")
            }
        }
    }

    /// Every modifier word, for a vocabulary.
    public func register(into builder: inout Vocabulary.Builder) {
        for set in [negators, shortNegators, contrast, questionOpeners, sarcasticOpeners, functionWords] { builder.add(set.sorted()) }
        builder.add(intensifiers.keys.sorted())
    }

    /// Both languages' modifiers, for a ticket read by both.
    public func merging(_ other: Modifiers) -> Modifiers {
        var m = self
        m.negators.formUnion(other.negators)
        m.shortNegators.formUnion(other.shortNegators)
        m.intensifiers.merge(other.intensifiers) { mine, _ in mine }
        m.contrast.formUnion(other.contrast)
        m.questionOpeners.formUnion(other.questionOpeners)
        m.sarcasticOpeners.formUnion(other.sarcasticOpeners)
        m.functionWords.formUnion(other.functionWords)
        return m
    }

    /// A full negator (sentiment scope of three words).
    public func isNegator(_ word: String) -> Bool {
        negators.contains(word) || word.hasSuffix("n't")
    }

    /// Any negator, short ones included: what negates a risk term.
    public func negatesRisk(_ word: String) -> Bool {
        isNegator(word) || shortNegators.contains(word)
    }
}
