import Foundation

/// A trained text classifier, as the rest of escalate sees one: it names its model-file format,
/// reads and writes its own section of that file, and builds the scorer an escalator runs per
/// ticket. `ClassifierKinds` lists the implementations.
public protocol Classifier: Sendable {
    /// The stored form: the section of the model file this classifier reads and writes.
    associatedtype Section: ModelSection
    /// The model file's `format` value for this classifier; a file names the classifier it holds.
    static var formatName: String { get }
    /// Raised whenever the section's members or their meaning change; older files are refused.
    static var formatVersion: Int { get }

    var section: Section { get }
    /// Rebuilds from a section the model file read and checked against `Section.members`;
    /// throws `ModelFileError` for values this classifier cannot use.
    init(section: Section) throws

    /// The words a vocabulary shared with other stages must hold for `scorer(for:)` to see them.
    var vocabularyWords: [String] { get }
    /// The scoring tables indexed by `vocabulary`'s ids, for one escalator (one thread) alone.
    func scorer(for vocabulary: Vocabulary) -> any ClassifierScorer
    /// Log-odds of escalation from a ticket's normalized words (`NormalizedText.words`): the
    /// reference the packed scorer is tested against, not the scoring path.
    func logOdds(words: [String]) -> Double
    /// What `train` reports about the model, e.g. "1234 features".
    var summary: String { get }
    /// Whether its tokens include emoji and clause marks (`NormalizedText.wordsAndMarks`), or
    /// are the words alone (`NormalizedText.words`).
    static var readsMarks: Bool { get }
}

/// Makes a classifier from labeled tickets given as normalized words.
public protocol ClassifierTrainer: Sendable {
    /// `documents`: each ticket's `NormalizedText.words`, or `wordsAndMarks` when `readsMarks`.
    func train(_ documents: [[String]], labels: [Bool]) -> any Classifier
    var readsMarks: Bool { get }
    /// The classifier on all the documents, and one on each subset (indices into `documents`)
    /// with the settings chosen on all of them (a linear trainer's cross-validated C), so that
    /// out-of-fold log-odds are on the scale of the classifier that is kept.
    func train(_ documents: [[String]], labels: [Bool], andOn subsets: [[Int]]) -> (all: any Classifier, subsets: [any Classifier])
}

extension ClassifierTrainer {
    public var readsMarks: Bool { false }

    /// For a trainer that chooses nothing from the data: `train` on each, in parallel.
    public func train(_ documents: [[String]], labels: [Bool], andOn subsets: [[Int]]) -> (all: any Classifier, subsets: [any Classifier]) {
        let tasks = [Array(documents.indices)] + subsets
        let models = ClassifierSlots(count: tasks.count)
        DispatchQueue.concurrentPerform(iterations: tasks.count) { t in
            models.set(t, train(tasks[t].map { documents[$0] }, labels: tasks[t].map { labels[$0] }))
        }
        return (models.value(0), (1..<tasks.count).map(models.value))
    }
}

/// One classifier per parallel task, set by the thread that trained it.
final class ClassifierSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [(any Classifier)?]

    init(count: Int) { values = Array(repeating: nil, count: count) }

    func set(_ k: Int, _ value: any Classifier) { lock.lock(); values[k] = value; lock.unlock() }
    func value(_ k: Int) -> any Classifier { lock.lock(); defer { lock.unlock() }; return values[k]! }
}

/// A classifier's per-escalator scoring tables. Called once per ticket; the loop over the
/// tokens lives inside the concrete type, so no token goes through a protocol witness.
public protocol ClassifierScorer: Sendable {
    /// Log-odds of escalation for tokens encoded by the vocabulary the scorer was built for.
    func logOdds(_ encoded: EncodedText) -> Double
}

extension Classifier {
    public static var readsMarks: Bool { false }

    /// The tokens `logOdds(words:)` takes from a normalized text.
    public func tokens(of text: NormalizedText) -> [String] { Self.readsMarks ? text.wordsAndMarks : text.words }

    /// P(escalate) from words; see `logOdds(words:)`.
    public func probability(words: [String]) -> Double { Logistic.probability(logOdds: logOdds(words: words)) }
}

public enum Logistic {
    /// The logistic function; ±infinity (a class never seen in training) gives 0 or 1.
    @inline(__always) public static func probability(logOdds: Double) -> Double { 1 / (1 + exp(-logOdds)) }
}
