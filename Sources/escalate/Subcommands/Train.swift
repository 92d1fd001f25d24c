import ArgumentParser
import EscalationCore
import Foundation

struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train the classifier, learn the priority weights, and write a versioned model file.",
        discussion: """
        Input: any format `score` reads (JSONL, JSON documents, CSV/TSV, helpdesk exports) with
        the text and a label, `escalate` (true/false) or `label`. Every record must be valid: a
        bad one stops training with FILE:LINE. Data without both labels (none at all, or only
        calm, or only escalate) stops it too (exit status 65): no model is written.

        The default classifier (`--classifier linear`) weighs words, word pairs and character
        n-grams by inverse document frequency under a logistic regression; its regularization C
        and the weight of the character n-grams are chosen by stratified cross-validation on the
        data (`--cv-folds`, default 3), and the cross-validated ROC-AUC and PR-AUC of that choice
        are printed. `--classifier naive-bayes` is multinomial naive Bayes over words and pairs.

        The priority weights are learned too (--weights learned, the default): the classifier
        is cross-validated (--folds, stratified), and on its out-of-fold probabilities a
        non-negative, L2-regularized logistic regression over the priority components gives
        the weights, the threshold at its decision boundary (F1-best on the training tickets)
        and the level minimums moved with it; the classifier's log-odds are calibrated by Platt
        scaling. A component the data never exercise (always 0, e.g. metadata the records do
        not carry) keeps its configured weight. All of it, and a model card (data size, class
        balance, date, options, cross-validated ROC-AUC and PR-AUC of probability and priority),
        goes into the model file. `score --model` uses it, under a --config file's own keys;
        `escalate config --model` shows it; `eval --model` prints the card.

        Examples:
          escalate train Corpora/*.jsonl --output model.json
          escalate train my-history.jsonl --folds 10 --cv-folds 5 --output model.json
          escalate train my-history.jsonl --classifier naive-bayes --alpha 0.5 --output model.json
          escalate train my-history.jsonl --weights configured --output model.json
          escalate score --model model.json tickets.jsonl
        """)

    @Argument(help: "Labeled input files.", completion: .file())
    var files: [String]

    @OptionGroup var input: InputOptions

    @Option(name: [.short, .long], help: ArgumentHelp("Model file to write.", valueName: "file"), completion: .file(extensions: ["json"]))
    var output: String

    @Option(help: "Classifier to train.")
    var classifier: ClassifierKinds.Mode = ClassifierKinds.defaultMode

    @Option(name: .customLong("cv-folds"), help: ArgumentHelp("Cross-validation folds that choose the linear classifier's regularization (1: no cross-validation).", valueName: "k"))
    var cvFolds: Int = 3

    @Option(help: "Additive smoothing of naive Bayes (Laplace = 1).")
    var alpha: Double = 1.0

    @Option(help: ArgumentHelp("Cross-validation folds for the out-of-fold probabilities the weights, the calibration and the model card's figures come from.", valueName: "k"))
    var folds: Int = 5

    @Option(help: "learned: fit the priority weights, threshold and calibration on this data; configured: keep the configured ones.")
    var weights: WeightSource = .learned

    @Option(name: .long, help: ArgumentHelp("Configuration whose scales, tier values and risk weights define the components learned from (see `escalate config`); score with the same --config.", valueName: "file"), completion: .file(extensions: ["toml"]))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("Folder with the lexicon files (see `score --help`).", valueName: "dir"), completion: .directory)
    var lexicons: String?

    enum WeightSource: String, ExpressibleByArgument, CaseIterable {
        case learned, configured
    }

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one labeled file") }
        if !(alpha > 0 && alpha.isFinite) { throw ValidationError("--alpha must be a positive number") }
        if !(2...100).contains(folds) { throw ValidationError("--folds must be between 2 and 100") }
        if !(1...20).contains(cvFolds) { throw ValidationError("--cv-folds must be between 1 and 20") }
    }

    func run() throws {
        try runGuardingDataErrors {
            let normalizer = try Normalizer()
            var examples: [(ticket: Ticket, escalate: Bool)] = []
            for file in files { examples += try Self.examples(file, input) }
            // Before anything is written: a model from one class (or none) would say the same for every ticket.
            if let problem = Training.labelProblem(examples.map(\.escalate)) {
                throw DataFileError(file: files.joined(separator: ", "), message: problem)
            }
            let pipeline = try PipelineOptions.parse((config.map { ["--config", $0] } ?? []) + (lexicons.map { ["--lexicons", $0] } ?? []))
            let base = try pipeline.loadConfig()
            let resources = try pipeline.loadResources(normalizer)
            try base.validate(categories: resources.risk.categories)
            let options = CombinationTraining.Options(
                folds: folds, learnWeights: weights == .learned,
                description: "classifier \(classifier.rawValue), alpha \(TunedConfig.number(alpha)), cv-folds \(cvFolds), folds \(folds), weights \(weights.rawValue)"
                    + (weights == .learned ? " (l2 \(TunedConfig.number(CombinationLearner.defaultL2)))" : "") + (config.map { ", config \($0)" } ?? ""))
            // The out-of-fold classifiers use the regularization chosen on all the tickets:
            // cross-validating each of them too would multiply training time by the folds again.
            let result = CombinationTraining.train(tickets: examples.map(\.ticket), labels: examples.map(\.escalate), resources: resources,
                                                   normalizer: normalizer, base: base,
                                                   trainer: ClassifierKinds.trainer(classifier, smoothing: alpha, folds: cvFolds),
                                                   options: options)
            let data = try result.model.encoded()
            guard FileManager.default.createFile(atPath: output, contents: data) else {
                throw SetupError("cannot write \(output)")
            }
            let positives = examples.filter(\.escalate).count
            Diagnostics.emit("trained on \(examples.count) tickets (\(positives) escalate, \(examples.count - positives) calm), \(result.model.classifier.summary) → \(output)")
            if let card = result.model.card { Diagnostics.emit(card.text) }
            if let learned = result.model.combination {
                Diagnostics.emit("learned weights: " + learned.weights.map { "\($0.key) \(TunedConfig.number($0.weight))" }.joined(separator: ", ")
                                 + "; threshold \(TunedConfig.number(learned.threshold)) (P ≥ \(String(format: "%.3f", learned.probabilityCut)));"
                                 + " probability calibrated: \(learned.calibration.formula)")
            }
            if let note = result.note { Diagnostics.emit("train: warning: " + note + "; the configured weights apply") }
        }
    }

    /// A file's labeled records; the first that cannot be used stops training.
    static func examples(_ path: String, _ input: InputOptions) throws -> [(ticket: Ticket, escalate: Bool)] {
        let source = try RecordSource(path: path, format: input.format, fields: input.choices)
        var examples: [(ticket: Ticket, escalate: Bool)] = []
        while let record = source.next() {
            do {
                let decoded = try record.result.get()
                guard let label = try decoded.label() else { throw RecordError("missing label ('escalate' or 'label')") }
                examples.append((decoded.ticket, label))
            } catch {
                throw DataFileError(file: record.source, line: record.line, message: "\(error)")
            }
        }
        return examples
    }
}

extension ClassifierKinds.Mode: ExpressibleByArgument {}
