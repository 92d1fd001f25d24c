import ArgumentParser
import EscalationCore
import Foundation

struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train the classifier and write a versioned model file.",
        discussion: """
        Input: any format `score` reads (JSONL, JSON documents, CSV/TSV, helpdesk exports) with
        the text and a label, `escalate` (true/false) or `label`. Every record must be valid: a
        bad one stops training with FILE:LINE. Data without both labels (none at all, or only
        calm, or only escalate) stops it too (exit status 65): no model is written.

        The default classifier (`--classifier linear`) weighs words, word pairs and character
        n-grams by inverse document frequency under a logistic regression; its regularization C
        and the weight of the character n-grams are chosen by stratified cross-validation on the
        data (`--folds`, default 3), and the cross-validated ROC-AUC and PR-AUC of that choice
        are printed. `--classifier naive-bayes` is multinomial naive Bayes over words and pairs.

        Examples:
          escalate train Corpora/*.jsonl --output model.json
          escalate train my-history.jsonl --folds 5 --output model.json
          escalate train my-history.jsonl --classifier naive-bayes --alpha 0.5 --output model.json
          escalate score --model model.json tickets.jsonl
        """)

    @Argument(help: "Labeled input files.", completion: .file())
    var files: [String]

    @OptionGroup var input: InputOptions

    @Option(name: [.short, .long], help: ArgumentHelp("Model file to write.", valueName: "file"), completion: .file(extensions: ["json"]))
    var output: String

    @Option(help: "Classifier to train.")
    var classifier: ClassifierKinds.Mode = ClassifierKinds.defaultMode

    @Option(help: ArgumentHelp("Cross-validation folds that choose the linear classifier's regularization (1: no cross-validation).", valueName: "k"))
    var folds: Int = 3

    @Option(help: "Additive smoothing of naive Bayes (Laplace = 1).")
    var alpha: Double = 1.0

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one labeled file") }
        if !(alpha > 0 && alpha.isFinite) { throw ValidationError("--alpha must be a positive number") }
        if !(1...20).contains(folds) { throw ValidationError("--folds must be between 1 and 20") }
    }

    func run() throws {
        try runGuardingDataErrors {
            let normalizer = try Normalizer()
            var examples: [(text: String, escalate: Bool)] = []
            for file in files { examples += try Self.examples(file, input) }
            // Before anything is written: a model from one class (or none) would say the same for every ticket.
            if let problem = Training.labelProblem(examples.map(\.escalate)) {
                throw DataFileError(file: files.joined(separator: ", "), message: problem)
            }
            let model = Training.train(examples, normalizer: normalizer, trainer: ClassifierKinds.trainer(classifier, smoothing: alpha, folds: folds))
            let data = try ModelFile.encoded(model)
            guard FileManager.default.createFile(atPath: output, contents: data) else {
                throw SetupError("cannot write \(output)")
            }
            let positives = examples.filter(\.escalate).count
            Diagnostics.emit("trained on \(examples.count) tickets (\(positives) escalate, \(examples.count - positives) calm), \(model.summary) → \(output)")
        }
    }

    /// A file's labeled records; the first that cannot be used stops training.
    static func examples(_ path: String, _ input: InputOptions) throws -> [(text: String, escalate: Bool)] {
        let source = try RecordSource(path: path, format: input.format, fields: input.choices)
        var examples: [(text: String, escalate: Bool)] = []
        while let record = source.next() {
            do {
                let decoded = try record.result.get()
                guard let label = try decoded.label() else { throw RecordError("missing label ('escalate' or 'label')") }
                examples.append((decoded.ticket.text, label))
            } catch {
                throw DataFileError(file: record.source, line: record.line, message: "\(error)")
            }
        }
        return examples
    }
}

extension ClassifierKinds.Mode: ExpressibleByArgument {}
