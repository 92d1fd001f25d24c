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

        A record that cannot be read is reported (FILE:LINE: error: …) and left out,
        with exit status 1 after the report; a file that cannot be read stops the
        run (exit status 65).

        Examples:
          escalate tune history.jsonl --objective recall:0.9
          escalate tune history.jsonl --objective rate:0.10 --by account_tier
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

    @Option(help: ArgumentHelp("Write a config file (the current one plus the chosen thresholds) for `score --config`.", valueName: "file"), completion: .file(extensions: ["toml"]))
    var writeConfig: String?

    @Option(help: ArgumentHelp("Smallest segment (tickets) that gets its own threshold; smaller ones keep the overall one.", valueName: "n"))
    var minSegment: Int = 30

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
            let escalator = try pipeline.makeEscalator(threshold: nil)
            let assessed = input.records.map { ($0, escalator.assess($0.ticket)) }
            let scored = assessed.map { ($0.1.priority, $0.0.label, $0.0.segment) }
            guard let overall = Tuning.best(scores: scored.map(\.0), labels: scored.map(\.1), objective: goal) else { return }
            print("objective \(goal)   tickets \(scored.count)   labeled escalations \(scored.filter(\.1).count)")
            print("segment            n   threshold  precision  recall  F1      rate %")
            print(row("(all)", scored.count, overall))
            var perSegment: [(String, Double)] = []
            if by != nil {
                for segment in Set(scored.compactMap(\.2)).sorted() {
                    let group = scored.filter { $0.2 == segment }
                    guard group.count >= minSegment else {
                        print(segment.padding(toLength: 14, withPad: " ", startingAt: 0) + ReportTable.pad(group.count, 6)
                              + "   (fewer than --min-segment \(minSegment) tickets: uses the overall threshold)")
                        continue
                    }
                    guard let best = Tuning.best(scores: group.map(\.0), labels: group.map(\.1), objective: goal) else { continue }
                    print(row(segment, group.count, best))
                    perSegment.append((segment, best.threshold))
                }
            }
            if let plot {
                let tickets = assessed.map { EvaluatedTicket(priority: $0.1.priority, escalated: $0.1.priority >= overall.threshold,
                                                             label: $0.0.label, type: $0.1.type, segment: $0.0.segment) }
                let report = EvaluationReport(tickets, threshold: overall.threshold)
                try EvaluationPlots.write(to: plot, tickets: tickets, report: report, chosenThreshold: overall.threshold,
                                          tables: "objective \(goal): threshold \(show(clamp(overall.threshold), 1))\n\n" + ReportTable.render(report, by: by))
            }
            if let writeConfig {
                try write(config: writeConfig, threshold: overall.threshold, tiers: perSegment.filter { $0.0 != "(none)" })
                Diagnostics.emit("wrote \(writeConfig)")
            }
            Diagnostics.emit("tune: " + input.summary)
            // Records that could not be read were left out of the figures above: data errors, exit 1 as `score`.
            if input.failed > 0 { throw ExitCode(1) }
        }
    }

    private func row(_ name: String, _ n: Int, _ t: TunedThreshold) -> String {
        name.padding(toLength: 14, withPad: " ", startingAt: 0) + ReportTable.pad(n, 6) + "   "
            + show(clamp(t.threshold), 1).padding(toLength: 9, withPad: " ", startingAt: 0) + "  "
            + show(t.confusion.precision).padding(toLength: 9, withPad: " ", startingAt: 0) + "  "
            + "\(show(t.confusion.recall))  \(show(t.confusion.f1))  \(show(t.confusion.escalationRate, 1))"
    }

    /// Thresholds outside 0…100 (escalate nothing / everything) are stored at the bounds.
    private func clamp(_ t: Double) -> Double { min(100, max(0, t)) }

    private func write(config path: String, threshold: Double, tiers: [(String, Double)]) throws {
        var text = "# Written by `escalate tune --objective \(objective)` on \(files.joined(separator: " ")).\n"
        text += "# Keys not set here keep the built-in values (see `escalate config`).\nversion = 1\n\n"
        if let base = pipeline.config {
            text = "# Based on \(base).\n" + text
        }
        text += "[decision]\nthreshold = \(show(clamp(threshold), 2))\n"
        if !tiers.isEmpty {
            text += "\n[thresholds_by_account_tier]\n" + tiers.map { "\($0.0) = \(show(clamp($0.1), 2))" }.joined(separator: "\n") + "\n"
        }
        // Validate before writing, so a file we write always loads.
        _ = try PriorityConfig.load(path: path, contents: text)
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else { throw SetupError("cannot write \(path)") }
    }
}
