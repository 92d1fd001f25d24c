import ArgumentParser
import EscalationCore
import Foundation

struct Score: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score tickets: one output record per input record, in input order.",
        discussion: """
        Input records have `text` (or `subject` + `body`), optional `id` and account metadata:
        account_tier, arr_usd, sla_hours_left, renewal_days, open_tickets, prior_escalations,
        health, dispute_amount_usd. A bad record prints FILE:LINE: error: … on stderr, becomes an
        output record with an `error` field, and scoring goes on (exit status 1 at the end).

        Examples:
          escalate score samples/tickets.jsonl
          escalate score --output table samples/tickets.jsonl
          escalate score dump.csv --output csv > scored.csv
          tail -f tickets.jsonl | escalate score          # each result flushed as it is scored
          echo "Our site is down again!" | escalate score --format text
          escalate score --model model.json --config tuned.toml --threshold 40 tickets.jsonl
        """)

    @Argument(help: "Input files; none or '-' reads stdin.")
    var files: [String] = []

    @Option(help: "Input format (default: by extension, JSONL otherwise).")
    var format: InputFormat?

    @Option(name: [.short, .long], help: "Output format.")
    var output: OutputFormat = .jsonl

    @Option(help: ArgumentHelp("Escalate at this priority (0–100) instead of the configured threshold.", valueName: "priority"))
    var threshold: Double?

    @Flag(help: "Copy input fields escalate does not use into each output record (JSONL output).")
    var keepFields = false

    @Flag(help: "Write CSV cells as-is, without defusing spreadsheet formulas (=, +, -, @).")
    var rawCSV = false

    @Flag(help: "Print records read, scored, failed and the escalation rate on stderr at the end.")
    var summary = false

    @OptionGroup var pipeline: PipelineOptions

    func validate() throws {
        if let threshold, !(0...100).contains(threshold) {
            throw ValidationError("--threshold must be between 0 and 100, got \(threshold)")
        }
    }

    func run() throws {
        var failed = 0
        var scored = 0
        var escalated = 0
        try runGuardingDataErrors {
            let escalator = try pipeline.makeEscalator(threshold: threshold)
            let out = StandardOutput()
            let writer = RecordWriter(format: output, keepFields: keepFields, rawCSV: rawCSV)
            if let header = writer.header() { out.write(header) }
            for path in files.isEmpty ? ["-"] : files {
                let source = try RecordSource(path: path, format: format)
                source.lines.beforeBlocking = { out.flush() }
                while let record = source.next() {
                    switch record.result {
                    case .success(let decoded):
                        for warning in decoded.warnings { Diagnostics.warning(record.source, record.line, warning) }
                        let assessment = escalator.assess(decoded.ticket)
                        scored += 1
                        if assessment.escalate { escalated += 1 }
                        out.write(writer.render(assessment, extra: record.extraFields))
                    case .failure(let error):
                        failed += 1
                        Diagnostics.error(record.source, record.line, error.message)
                        out.write(writer.renderError(id: record.id, line: record.line, message: error.message))
                    }
                }
            }
            out.flush()
        }
        if summary {
            let rate = scored > 0 ? String(format: "%.1f%%", 100 * Double(escalated) / Double(scored)) : "n/a"
            Diagnostics.emit("summary: read \(scored + failed), scored \(scored), failed \(failed), escalated \(escalated), escalation rate \(rate)")
        }
        if failed > 0 { throw ExitCode(1) }
    }
}
