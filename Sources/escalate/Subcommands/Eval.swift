import ArgumentParser
import EscalationCore
import Foundation

struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure escalate on labeled tickets: ROC-AUC, average precision, P/R/F1, escalation rate, calibration.",
        discussion: """
        Input records need a label: `escalate` (true/false) or `label`. ROC-AUC, average precision
        and Brier use `priority` as the score; the confusion matrix uses the decision `score` makes.

        A record that cannot be read is reported (FILE:LINE: error: …) and left out,
        with exit status 1 after the report; a file that cannot be read stops the
        run (exit status 65).

        Examples:
          escalate eval history.jsonl
          escalate eval history.jsonl --by account_tier --json > report.json
          escalate eval history.jsonl --folds 5            # retrain on 4/5, test on 1/5, mean ± sd
          escalate eval history.jsonl --folds 5 --with-corpus
          escalate eval history.jsonl --plot eval-report && open eval-report/report.html
        """)

    @Argument(help: "Labeled input files (JSONL, CSV, TSV).", completion: .file())
    var files: [String]

    @OptionGroup var input: InputOptions

    @Option(help: ArgumentHelp("Also report by this field, e.g. account_tier or category; `language` groups by the detected language.", valueName: "field"))
    var by: String?

    @Option(help: ArgumentHelp("Decision threshold (default: the configured one).", valueName: "priority"))
    var threshold: Double?

    @Option(help: ArgumentHelp("Stratified K-fold cross-validation: retrain the classifier on K-1 folds of this data.", valueName: "k"))
    var folds: Int?

    @Flag(help: "With --folds: also train on Corpora/ (by default only the given data is used).")
    var withCorpus = false

    @Flag(help: "Machine-readable JSON instead of tables.")
    var json = false

    @Option(help: ArgumentHelp("Write SVG plots (ROC, precision-recall, thresholds, calibration, histograms) and report.html here.", valueName: "dir"), completion: .directory)
    var plot: String?

    @OptionGroup var pipeline: PipelineOptions

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one labeled file") }
        if let folds, !(2...100).contains(folds) { throw ValidationError("--folds must be between 2 and 100") }
        if withCorpus && folds == nil { throw ValidationError("--with-corpus only applies with --folds") }
        if let threshold, !(0...100).contains(threshold) { throw ValidationError("--threshold must be between 0 and 100") }
        if folds != nil && pipeline.model != nil { throw ValidationError("--folds retrains the classifier; drop --model") }
    }

    func run() throws {
        try runGuardingDataErrors {
            let input = try LabeledInput(paths: files, options: self.input, by: by)
            guard !input.records.isEmpty else { throw SetupError("no labeled records to evaluate (\(input.summary))") }
            let escalator = try pipeline.makeEscalator(threshold: threshold)
            let cut = escalator.priority.config.threshold
            if let folds {
                let (perFold, pooled) = try crossValidate(input.records, k: folds, base: escalator)
                let text = CrossValidationTable.render(perFold, k: folds)
                print(json ? CrossValidationJSON.render(perFold, threshold: cut) : text)
                if let plot {
                    let report = EvaluationReport(pooled, threshold: cut)
                    try EvaluationPlots.write(to: plot, tickets: pooled, report: report, chosenThreshold: nil,
                                              tables: text + "\n\nPooled out-of-fold predictions:\n" + ReportTable.render(report, by: by))
                }
            } else {
                let tickets = input.records.map { $0.evaluated(by: escalator) }
                let report = EvaluationReport(tickets, threshold: cut)
                let text = ReportTable.render(report, by: by)
                print(json ? ReportJSON.render(report) : text)
                if let plot { try EvaluationPlots.write(to: plot, tickets: tickets, report: report, chosenThreshold: nil, tables: text) }
            }
            Diagnostics.emit("eval: " + input.summary)
            // Records that could not be read were left out of the figures above: data errors, exit 1 as `score`.
            if input.failed > 0 { throw ExitCode(1) }
        }
    }

    /// Retrains the classifier per fold (lexicons and config unchanged) and reports each held-out fold.
    private func crossValidate(_ records: [LabeledRecord], k: Int, base: Escalator) throws -> ([EvaluationReport], [EvaluatedTicket]) {
        let fold = Folds.stratified(labels: records.map(\.label), k: k)
        let corpus = withCorpus ? try LabeledFile.read(pipeline.corpusSource()) : []
        // Each fold trains on this data: with one class only, every fold's model is meaningless.
        if let problem = Training.labelProblem(corpus.map(\.escalate) + records.map(\.label)) {
            throw DataFileError(file: files.joined(separator: ", "), message: problem + " (cross-validation retrains the classifier"
                                 + (withCorpus ? ")" : "; --with-corpus adds Corpora/)"))
        }
        let resources = try pipeline.loadResources(base.normalizer)
        var pooled: [EvaluatedTicket] = []
        let reports = (0..<k).map { f -> EvaluationReport in
            let training = corpus + records.indices.filter { fold[$0] != f }.map { (records[$0].ticket.text, records[$0].label) }
            let model = Training.train(training, normalizer: base.normalizer)
            let escalator = Escalator(resources: resources, classifier: model, config: base.priority.config, normalizer: base.normalizer)
            let held = records.indices.filter { fold[$0] == f }.map { records[$0].evaluated(by: escalator) }
            pooled += held
            return EvaluationReport(held, threshold: base.priority.config.threshold)
        }
        return (reports, pooled)
    }
}
