import ArgumentParser
import EscalationCore
import Foundation

struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train the naive-Bayes classifier and write a versioned model file.",
        discussion: """
        Input: JSONL with `text` (or `subject` + `body`) and a label, `escalate` (true/false)
        or `label`. Every line must be valid: a bad line stops training with FILE:LINE.

        Examples:
          escalate train Corpora/*.jsonl --output model.json
          escalate train my-history.jsonl --alpha 0.5 --output model.json
          escalate score --model model.json tickets.jsonl
        """)

    @Argument(help: "Labeled JSONL files.", completion: .file(extensions: ["jsonl"]))
    var files: [String]

    @Option(name: [.short, .long], help: ArgumentHelp("Model file to write.", valueName: "file"), completion: .file(extensions: ["json"]))
    var output: String

    @Option(help: "Additive smoothing (Laplace = 1).")
    var alpha: Double = 1.0

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one labeled JSONL file") }
        if !(alpha > 0 && alpha.isFinite) { throw ValidationError("--alpha must be a positive number") }
    }

    func run() throws {
        try runGuardingDataErrors {
            let normalizer = try Normalizer()
            var examples: [(text: String, escalate: Bool)] = []
            for file in files { examples += try LabeledFile.read(path: file) }
            let model = Training.train(examples, normalizer: normalizer, trainer: ClassifierKinds.defaultTrainer(smoothing: alpha))
            let data = try ModelFile.encoded(model)
            guard FileManager.default.createFile(atPath: output, contents: data) else {
                throw SetupError("cannot write \(output)")
            }
            let positives = examples.filter(\.escalate).count
            Diagnostics.emit("trained on \(examples.count) tickets (\(positives) escalate, \(examples.count - positives) calm), \(model.summary) → \(output)")
        }
    }
}
