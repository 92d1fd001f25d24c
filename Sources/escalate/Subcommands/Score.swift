import ArgumentParser
import EscalationCore
import Foundation

struct Score: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score tickets: one output record per input record, in input order.",
        discussion: """
        Input fields (missing metadata is neutral; "$12,000" is read as a number):
        \(InputField.scoreHelp)

        A bad record prints FILE:LINE: error: … on stderr, becomes an output
        record with an `error` field, and scoring goes on (exit status 1 at the end).
        An input file that cannot be read prints FILE: error: … and is skipped; the
        other files are scored (exit status 1 at the end).

        Examples:
          escalate score samples/tickets.jsonl
          escalate score --output table samples/tickets.jsonl
          escalate score dump.csv --output csv > scored.csv
          tail -f tickets.jsonl | escalate score          # each result flushed as it is scored
          echo "Our site is down again!" | escalate score --format text
          escalate score --model model.json --config tuned.toml --threshold 40 tickets.jsonl
          escalate score --jobs 1 --summary dump.jsonl 2> report.txt
        """)

    @Argument(help: "Input files; none or '-' reads stdin.", completion: .file())
    var files: [String] = []

    @OptionGroup var input: InputOptions

    @Option(name: [.short, .long], help: "Output format.")
    var output: OutputFormat = .jsonl

    @Option(help: ArgumentHelp("Escalate at this priority (0–100) instead of the configured threshold.", valueName: "priority"))
    var threshold: Double?

    @Flag(help: "Copy input fields escalate does not use into each output record (JSONL output only); one named like an output field is written as input_NAME.")
    var keepFields = false

    @Flag(help: "Write CSV cells as-is, without defusing spreadsheet formulas (=, +, -, @).")
    var rawCSV = false

    @Flag(help: "Print records read, scored, failed, the escalation rate and any unreadable input files on stderr at the end.")
    var summary = false

    @Option(name: [.short, .long], help: ArgumentHelp("Scoring threads (default: all cores). Output order and content do not depend on it.", valueName: "n"))
    var jobs: Int?

    @Option(help: ArgumentHelp("Longest record accepted, in bytes; a longer one becomes an error record without being held in memory.", valueName: "bytes"))
    var maxRecordBytes: Int = 16 << 20

    @Flag(name: [.short, .long], help: "No progress display (it is shown only when stderr is a terminal and input is files).")
    var quiet = false

    @OptionGroup var pipeline: PipelineOptions

    /// Records scored at a time: with one job, few enough that the records are still in cache
    /// when scored; with more, enough that hand-overs between threads are rare (2 jobs on the
    /// 100k benchmark file: 256 ran 4–6% faster than 64 in two rounds of ten runs each, 512 no
    /// better than 256). Bounded in bytes too, so memory stays flat.
    static let chunkSize = 64, parallelChunkSize = 256
    static let chunkBytes = 4 << 20

    func validate() throws {
        if let threshold, !(0...100).contains(threshold) {
            throw ValidationError("--threshold must be between 0 and 100, got \(threshold)")
        }
        if let jobs, !(1...512).contains(jobs) {
            throw ValidationError("--jobs must be between 1 and 512, got \(jobs)")
        }
        if maxRecordBytes < 1024 {
            throw ValidationError("--max-record-bytes must be at least 1024, got \(maxRecordBytes)")
        }
    }

    /// What `run` counts and checks per written record. The reader's escaping `beforeBlocking`
    /// closure captures it, and a captured variable is checked for exclusive access at run time
    /// on every use; `write` moves it out once per batch and back.
    private struct Tally {
        var failed = 0
        var missingText = 0
        var textAlarm = MissingTextAlarm()
        var scored = 0
        var escalated = 0
        var byLanguage = LanguageRates()
        var duplicates = DuplicateIDs()
    }

    func run() throws {
        var tally = Tally()
        var unreadable = 0  // input files that could not be opened
        try runGuardingDataErrors {
            let jobCount = jobs ?? ProcessInfo.processInfo.activeProcessorCount
            let writer = RecordWriter(format: output, keepFields: keepFields, rawCSV: rawCSV)
            let scorer = ParallelScorer(escalators: try pipeline.makeEscalators(count: jobCount, threshold: threshold), writer: writer)
            KeptUntilExit.keep(scorer)
            let paths = files.isEmpty ? ["-"] : files
            let progress = Progress(paths: paths, quiet: quiet)
            let out = StandardOutput()
            Interrupt.install()
            if let header = writer.header() { out.write(header) }
            let chunkSize = scorer.jobs == 1 ? Self.chunkSize : Self.parallelChunkSize
            var chunk: [RecordSource.Pending] = []
            var chunkBytes = 0
            func write(_ results: [ScoredRecord]) {
                var t = Tally()
                swap(&t, &tally)  // moved, not copied: its tables stay uniquely referenced
                defer { swap(&t, &tally) }
                for result in results {
                    for line in result.diagnostics { Diagnostics.emit(line) }
                    if let warning = t.duplicates.check(result) { Diagnostics.emit(warning) }
                    if result.failed { t.failed += 1 } else { t.scored += 1 }
                    if result.missingText { t.missingText += 1 }
                    if let warning = t.textAlarm.check(result) { Diagnostics.emit(warning) }
                    if result.escalated { t.escalated += 1 }
                    if !result.failed { t.byLanguage.add(result.language, escalated: result.escalated) }
                    out.write(result.output)
                }
            }
            // Hands the chunk over and writes whatever has finished, in input order.
            func submit() {
                write(scorer.submit(chunk))
                chunk.removeAll(keepingCapacity: true)
                chunkBytes = 0
            }
            // Everything read so far is scored and written.
            func drain() {
                submit()
                write(scorer.drain())
            }
            var finishedBytes = 0
            for path in paths where !Interrupt.wasRequested {
                // A file that cannot be read is reported and skipped: the others are still scored.
                let source: RecordSource
                do {
                    source = try RecordSource(path: path, format: input.format, maxRecordBytes: maxRecordBytes, fields: input.choices)
                } catch let error as DataFileError {
                    Diagnostics.emit(error.description)
                    unreadable += 1
                    continue
                }
                // Before the reader waits for more input, finish and show what has arrived:
                // a slow pipe sees each result at once, a fast file gets large batches.
                source.lines.beforeBlocking = { drain(); out.flush() }
                source.lines.shouldStop = { Interrupt.wasRequested }
                while let pending = source.nextPending() {
                    chunk.append(pending)
                    chunkBytes += pending.size
                    // Bounded by count and by bytes, so memory stays flat whatever the input.
                    if chunk.count >= chunkSize || chunkBytes >= Self.chunkBytes {
                        submit()
                        progress.update(records: tally.scored + tally.failed, fileBytes: finishedBytes + source.lines.bytesConsumed)
                    }
                }
                drain()
                finishedBytes += source.lines.bytesConsumed
            }
            scorer.close()
            out.flush()
            progress.finish()
            if Interrupt.wasRequested { Diagnostics.emit("interrupted: stopped after \(tally.scored + tally.failed) records") }
        }
        let (scored, failed, escalated, missingText) = (tally.scored, tally.failed, tally.escalated, tally.missingText)
        if summary {
            if let line = tally.byLanguage.summary { Diagnostics.emit(line) }
            let rate = scored > 0 ? String(format: "%.1f%%", 100 * Double(escalated) / Double(scored)) : "n/a"
            Diagnostics.emit("summary: read \(scored + failed), scored \(scored), failed \(failed)\(missingText > 0 ? " (\(missingText) with no text)" : ""), escalated \(escalated), escalation rate \(rate)"
                             + (unreadable > 0 ? ", unreadable files \(unreadable)" : ""))

        }
        if Interrupt.wasRequested { throw ExitCode(130) }
        if failed > 0 || unreadable > 0 { throw ExitCode(1) }
    }
}
