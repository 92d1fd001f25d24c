import Dispatch
import EscalationCore
import Synchronization

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
}

/// Scores batches of records on `jobs` threads, each with its own `Escalator` (ICU objects are
/// per thread), and returns results in input order: output is identical for any job count.
/// With several jobs, scoring runs in the background while the caller reads the next batch
/// and writes the previous one.
final class ParallelScorer: @unchecked Sendable {
    private let escalators: [Escalator]
    private let writer: RecordWriter

    init(escalators: [Escalator], writer: RecordWriter) {
        precondition(!escalators.isEmpty)
        self.escalators = escalators
        self.writer = writer
    }

    var jobs: Int { escalators.count }

    /// What one job's thread uses; an escalator serves one thread at a time (see `start`).
    private struct Worker: @unchecked Sendable {
        let escalator: Escalator
        let writer: RecordWriter
    }

    /// A batch being scored on the worker threads, in small chunks that idle workers claim:
    /// a worker slowed down (by the reading thread sharing its core, by a run of long tickets)
    /// does fewer chunks instead of keeping the others waiting at the end of the batch.
    final class Job: @unchecked Sendable {
        fileprivate let group = DispatchGroup()
        fileprivate let parts: ThreadSlots<[ScoredRecord]>
        fileprivate let chunkSize: Int
        private let nextChunk = Atomic<Int>(0)
        fileprivate init(records: Int, jobs: Int) {
            chunkSize = max(16, records / (8 * jobs))
            parts = ThreadSlots(count: (records + chunkSize - 1) / chunkSize, initial: [])
        }
        /// The next unclaimed chunk, or nil when all are taken.
        fileprivate func claim() -> Int? {
            let c = nextChunk.add(1, ordering: .relaxed).oldValue
            return c < parts.count ? c : nil
        }
    }

    /// Starts scoring `batch` in the background: the caller reads the next batch meanwhile.
    /// At most one job may run at a time (each escalator serves one thread); `results(of:)`
    /// waits for it.
    func start(_ batch: [RecordSource.Pending]) -> Job {
        let job = Job(records: batch.count, jobs: jobs)
        for k in 0..<min(jobs, job.parts.count) {
            // Each worker gets its own escalator reference, and writes only the chunks it claimed:
            // the threads never retain and release the same object per record.
            let worker = Worker(escalator: escalators[k], writer: writer)
            DispatchQueue.global().async(group: job.group) {
                while let c = job.claim() {
                    let range = (c * job.chunkSize)..<min(batch.count, (c + 1) * job.chunkSize)
                    job.parts.set(c, range.map { Self.score(batch[$0], with: worker.escalator, writer: worker.writer) })
                }
            }
        }
        return job
    }

    /// The job's results, in input order.
    func results(of job: Job) -> [ScoredRecord] {
        job.group.wait()
        return job.parts.values.flatMap { $0 }
    }

    /// Scores `batch` on the calling thread (one job: no thread hand-offs).
    func scoreHere(_ batch: [RecordSource.Pending]) -> [ScoredRecord] {
        batch.map { Self.score($0, with: escalators[0], writer: writer) }
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
                failed: false, escalated: assessment.escalate)
        case .failure(let error):
            return ScoredRecord(
                id: record.id, source: record.source, line: record.line,
                output: Array(writer.renderError(id: record.id, line: record.line, message: error.message).utf8),
                diagnostics: ["\(record.source):\(record.line): error: \(error.message)"],
                failed: true, escalated: false)
        }
    }
}

