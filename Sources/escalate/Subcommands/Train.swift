import ArgumentParser
import EscalationCore
import Foundation

struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train the naive-Bayes classifier and write a versioned model file.",
        discussion: """
        Input: any format `score` reads (JSONL, JSON documents, CSV/TSV, helpdesk exports) with
        the text and a label, `escalate` (true/false) or `label`. Every record must be valid: a
        bad one stops training with FILE:LINE. Data without both labels (none at all, or only
        calm, or only escalate) stops it too (exit status 65): no model is written.

        Examples:
          escalate train Corpora/*.jsonl --output model.json
          escalate train my-history.jsonl --alpha 0.5 --output model.json
          escalate score --model model.json tickets.jsonl
        """)

    @Argument(help: "Labeled input files.", completion: .file())
    var files: [String]

    @OptionGroup var input: InputOptions

    @Option(name: [.short, .long], help: ArgumentHelp("Model file to write.", valueName: "file"), completion: .file(extensions: ["json"]))
    var output: String

    @Option(help: "Additive smoothing (Laplace = 1).")
    var alpha: Double = 1.0

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one labeled file") }
        if !(alpha > 0 && alpha.isFinite) { throw ValidationError("--alpha must be a positive number") }
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
            let model = Training.train(examples, normalizer: normalizer, trainer: ClassifierKinds.defaultTrainer(smoothing: alpha))
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
