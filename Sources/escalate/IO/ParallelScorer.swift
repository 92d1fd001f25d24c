import EscalationCore
import Foundation

/// One record's finished output, rendered on a worker thread and written by the main thread.
struct ScoredRecord {
    var id: String
    var source: String
    var line: Int
    /// The output line(s), as UTF-8.
    var output: [UInt8]
    /// `FILE:LINE: error|warning: …` lines, printed in input order.
    var diagnostics: [String]
    var failed: Bool
    var escalated: Bool
    /// The detected language (empty for a failed record).
    var language = ""
    /// Failed because no field was read as text.
    var missingText = false
}

/// Scores chunks of records and hands the results back in input order, so output is identical
/// for any job count. One job scores on the calling thread. More jobs score on as many long-lived
/// threads, each with its own `Escalator` (ICU objects are per thread), with no barrier between
/// chunks: a thread that finishes one takes the next queued while the caller reads ahead and
/// writes behind, within a bounded window.
final class ParallelScorer: @unchecked Sendable {
    private let escalators: [Escalator]
    private let writer: RecordWriter
    /// Chunks submitted and not yet returned, oldest first; `results` is set once scored.
    private var window: [Chunk] = []
    /// Index in `window` of the first chunk no thread has taken.
    private var unclaimed = 0
    private var stopping = false
    /// Guards the fields above; signalled when a chunk is queued, finished, or at shutdown.
    private let condition = NSCondition()
    /// Enough chunks queued that no thread waits for the reader, few enough to bound memory
    /// (each chunk is bounded in records and bytes by the caller).
    private let maxWindow: Int

    private final class Chunk {
        let records: [RecordSource.Pending]
        var results: [ScoredRecord]?
        init(_ records: [RecordSource.Pending]) { self.records = records }
    }

    init(escalators: [Escalator], writer: RecordWriter) {
        precondition(!escalators.isEmpty)
        self.escalators = escalators
        self.writer = writer
        maxWindow = 4 * escalators.count
        guard escalators.count > 1 else { return }
        for escalator in escalators {
            // Each thread its own references: no reference count is touched by two threads per record.
            let worker = Worker(escalator: escalator, writer: writer)
            let thread = Thread { [self] in work(worker) }
            thread.name = "escalate-score"
            thread.start()
        }
    }

    var jobs: Int { escalators.count }

    /// Queues `chunk` for scoring and returns the records finished so far, in input order. With
    /// one job it is scored here; with more, this waits only while the window is full.
    func submit(_ chunk: [RecordSource.Pending]) -> [ScoredRecord] {
        guard !chunk.isEmpty else { return [] }
        if jobs == 1 { return chunk.map { Self.score($0, with: escalators[0], writer: writer) } }
        condition.lock()
        defer { condition.unlock() }
        window.append(Chunk(chunk))
        condition.broadcast()
        var finished = takeFinished()
        while window.count >= maxWindow {
            condition.wait()
            finished += takeFinished()
        }
        return finished
    }

    /// Waits for everything submitted and returns what was not returned yet, in input order.
    func drain() -> [ScoredRecord] {
        guard jobs > 1 else { return [] }
        condition.lock()
        defer { condition.unlock() }
        var finished = takeFinished()
        while !window.isEmpty {
            condition.wait()
            finished += takeFinished()
        }
        return finished
    }

    /// Lets the threads end once idle; call after the last `drain`.
    func close() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
    }

    /// The finished chunks at the head of the window, removed from it. Call with the lock held.
    private func takeFinished() -> [ScoredRecord] {
        var done = 0
        while done < window.count, window[done].results != nil { done += 1 }
        guard done > 0 else { return [] }
        let results = window[..<done].flatMap { $0.results! }
        window.removeFirst(done)
        unclaimed -= done
        return results
    }

    /// A scoring thread: takes the oldest unclaimed chunk, scores it without the lock, repeats.
    /// What one thread uses; an escalator serves one thread only.
    private struct Worker: @unchecked Sendable {
        let escalator: Escalator
        let writer: RecordWriter
    }

    private func work(_ worker: Worker) {
        condition.lock()
        while true {
            while unclaimed == window.count && !stopping { condition.wait() }
            if unclaimed == window.count { break }
            let chunk = window[unclaimed]
            unclaimed += 1
            condition.unlock()
            let results = chunk.records.map { Self.score($0, with: worker.escalator, writer: worker.writer) }
            condition.lock()
            chunk.results = results
            condition.broadcast()
        }
        condition.unlock()
    }

    private static func score(_ pending: RecordSource.Pending, with escalator: Escalator, writer: RecordWriter) -> ScoredRecord {
        let record = pending.decode()
        switch record.result {
        case .success(let decoded):
            let assessment = escalator.assess(decoded.ticket)
            return ScoredRecord(
                id: record.id, source: record.source, line: record.line,
                output: writer.render(assessment, extra: record.extraFields, warnings: decoded.warnings),
                diagnostics: decoded.warnings.map { "\(record.source):\(record.line): warning: \($0)" },
                failed: false, escalated: assessment.escalate, language: assessment.language)
        case .failure(let error):
            return ScoredRecord(
                id: record.id, source: record.source, line: record.line,
                output: Array(writer.renderError(id: record.id, line: record.line, message: error.message).utf8),
                diagnostics: ["\(record.source):\(record.line): error: \(error.message)"],
                failed: true, escalated: false, missingText: error.isMissingText)
        }
    }
}
