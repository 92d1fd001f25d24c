import ArgumentParser
import EscalationCore
import Foundation

struct Tune: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Choose the escalation threshold that best meets an objective on labeled tickets.",
        discussion: """
        Objectives: f1 | recall:R (catch at least R of real escalations, best precision) |
        rate:X (escalation rate closest to X, e.g. 0.10 for the healthy 6–15% band) |
        cost:fn=A,fp=B (a missed escalation costs A, a needless one B).

        The figures are what `score --config` does with the written config. Rules
        ([rule.*]) escalate their tickets whatever the threshold: tune counts them,
        and says when they alone exceed a rate:X target (the lowest reachable rate).
        Levels follow the threshold: P3 starts at it, P2/P1 sit above the highest
        threshold written, so a P1 or P2 ticket always escalates; the config notes
        what moved. Rates are in percent.

        A record that cannot be read is reported (FILE:LINE: error: …) and left out,
        with exit status 1 after the report; a file that cannot be read stops the
        run (exit status 65).

        Examples:
          escalate tune history.jsonl --objective recall:0.9
          escalate tune history.jsonl --objective rate:0.10 --by account_tier --json
          escalate tune history.jsonl --objective cost:fn=10,fp=1 --by account_tier --write-config tuned.toml
          escalate score --config tuned.toml tickets.jsonl
        """)

    @Argument(help: "Labeled input files (JSONL, CSV, TSV).", completion: .file())
    var files: [String]

    @OptionGroup var input: InputOptions

    @Option(help: ArgumentHelp("What to optimize: f1, recall:R, rate:X or cost:fn=A,fp=B.", valueName: "objective"))
    var objective: String = "f1"

    @Option(help: ArgumentHelp("Also tune per value of this field (account_tier can be written to a config).", valueName: "field"))
    var by: String?

    @Option(help: ArgumentHelp("Write a config file (the current one plus the chosen thresholds and levels) for `score --config`.", valueName: "file"), completion: .file(extensions: ["toml"]))
    var writeConfig: String?

    @Option(help: ArgumentHelp("Smallest segment (tickets) that gets its own threshold; smaller ones keep the overall one.", valueName: "n"))
    var minSegment: Int = 30

    @Flag(help: "Machine-readable JSON instead of the table.")
    var json = false

    @Option(help: ArgumentHelp("Write SVG plots with the chosen threshold marked, and report.html, here.", valueName: "dir"), completion: .directory)
    var plot: String?

    @OptionGroup var pipeline: PipelineOptions

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one labeled file") }
        if Objective(objective) == nil {
            throw ValidationError("unknown objective '\(objective)'; use f1, recall:0.9, rate:0.10 or cost:fn=10,fp=1")
        }
        if writeConfig != nil, let by, by != "account_tier" {
            throw ValidationError("--write-config can store per-segment thresholds only for --by account_tier")
        }
    }

    func run() throws {
        let goal = Objective(objective)!
        try runGuardingDataErrors {
            let input = try LabeledInput(paths: files, options: self.input, by: by)
            guard !input.records.isEmpty else { throw SetupError("no labeled records to tune on (\(input.summary))") }
            let (escalators, trained) = try pipeline.build(count: 1, threshold: nil)
            let escalator = escalators[0]
            let evidence = input.records.map { escalator.evidence(for: $0.ticket) }
            let cases = zip(input.records, evidence).map { TuningCase(escalator.priority.assess(id: $0.ticket.id, $1), label: $0.label) }
            guard let overall = Tuning.best(cases, objective: goal) else { return }
            let segments = chooseSegments(input.records, cases, goal)

            // The config score will use, read back from the very text written.
            let tuned = TunedConfig(base: escalator.priority.config, threshold: overall.threshold,
                                    tierThresholds: Dictionary(uniqueKeysWithValues: segments.compactMap { s in
                                        s.writable ? s.own.map { (s.name, $0.threshold) } : nil }))
            let text = try configText(tuned, learned: trained.combination != nil)
            // Over the model's learned settings, as `score --model M --config FILE` lays it.
            let config = try TrainedModel.configuration(learned: trained.combination, modelPath: pipeline.model ?? "<model>",
                                                        userFile: (writeConfig ?? "<tuned config>", text))
            // What `score --config` will do: every ticket assessed again, by the same code, with that config.
            let model = PriorityModel(config: config)
            let final = zip(input.records, evidence).map { model.assess(id: $0.ticket.id, $1) }

            let result = TuneResult(objective: goal, records: input.records, cases: cases, final: final, tuned: tuned, config: config,
                                    segments: segments, by: by, minSegment: minSegment)
            print(json ? result.json() : result.table())
            if let warning = result.unreachableTarget { Diagnostics.emit("tune: warning: " + warning) }
            if let plot {
                let tickets = zip(input.records, final).map { EvaluatedTicket(priority: $1.priority, escalated: $1.escalate,
                                                                               label: $0.label, type: $1.type, segment: $0.segment) }
                let report = EvaluationReport(tickets, threshold: tuned.threshold)
                try EvaluationPlots.write(to: plot, tickets: tickets, report: report, chosenThreshold: tuned.threshold,
                                          tables: "objective \(goal): threshold \(show(tuned.threshold, 1))\n\n" + ReportTable.render(report, by: by))
            }
            if let writeConfig {
                guard FileManager.default.createFile(atPath: writeConfig, contents: Data(text.utf8)) else { throw SetupError("cannot write \(writeConfig)") }
                Diagnostics.emit("wrote \(writeConfig)")
            }
            Diagnostics.emit("tune: " + input.summary)
            // Records that could not be read were left out of the figures above: data errors, exit 1 as `score`.
            if input.failed > 0 { throw ExitCode(1) }
        }
    }

    /// Each `--by` segment, with its own threshold when it is large enough (and, for
    /// account_tier, can be written to a config).
    private func chooseSegments(_ records: [LabeledRecord], _ cases: [TuningCase], _ goal: Objective) -> [TuneResult.Segment] {
        guard by != nil else { return [] }
        let writable = by == "account_tier"
        return Set(records.compactMap(\.segment)).sorted().map { name in
            let members = records.indices.filter { records[$0].segment == name }
            var segment = TuneResult.Segment(name: name, members: members, writable: writable)
            if members.count < minSegment {
                segment.note = "fewer than --min-segment \(minSegment) tickets: the overall threshold"
            } else if writable && !TunedConfig.isConfigKey(name) {
                segment.note = name == "(none)" ? "no account tier: the overall threshold" : "not a config key: the overall threshold"
            } else {
                segment.own = Tuning.best(members.map { cases[$0] }, objective: goal)
            }
            return segment
        }
    }

    /// The base config file (if any) as given, then the chosen keys, which override it.
    private func configText(_ tuned: TunedConfig, learned trainedHasLearned: Bool) throws -> String {
        var header = "Written by `escalate tune --objective \(objective)\(by.map { " --by \($0)" } ?? "")` on \(files.joined(separator: " ")).\n"
        var text = ""
        if let base = pipeline.config {
            text = try DataFile.text(base, limit: DataFile.maxConfigBytes, what: "config file")
            if !text.hasSuffix("\n") { text += "\n" }
            text += "\n"
            header += "The keys below override the same keys of \(base) above."
        } else {
            header += "Keys not set here keep the built-in values (see `escalate config`)."
        }
        if let model = pipeline.model, trainedHasLearned {
            header += "\nTuned with --model \(model): use it with that model, whose learned settings lie beneath these keys."
        }
        return text + tuned.overlay(header: header, version: pipeline.config == nil)
    }
}
