import Dispatch
import EscalationCore

/// One record's finished output, rendered on a worker thread and written by the main thread.
struct ScoredRecord {
    var id: String
    var source: String
    var line: Int
    var text: String
    /// `FILE:LINE: error|warning: …` lines, printed in input order.
    var diagnostics: [String]
    var failed: Bool
    var escalated: Bool
}

/// Scores batches of records on `jobs` threads, each with its own `Escalator` (ICU objects are
/// per thread), and returns results in input order: output is identical for any job count.
final class ParallelScorer: @unchecked Sendable {
    private let escalators: [Escalator]
    private let writer: RecordWriter

    init(escalators: [Escalator], writer: RecordWriter) {
        precondition(!escalators.isEmpty)
        self.escalators = escalators
        self.writer = writer
    }

    var jobs: Int { escalators.count }

    func score(_ batch: [RecordSource.Pending]) -> [ScoredRecord] {
        if jobs == 1 || batch.count < 2 * jobs {
            return batch.map { score($0, with: escalators[0]) }
        }
        // Contiguous ranges, each collected in a thread-local array: no shared writes.
        let parts = ThreadSlots<[ScoredRecord]>(count: jobs, initial: [])
        let jobs = self.jobs
        DispatchQueue.concurrentPerform(iterations: jobs) { k in
            let range = (k * batch.count / jobs)..<((k + 1) * batch.count / jobs)
            parts.set(k, range.map { score(batch[$0], with: escalators[k]) })
        }
        return parts.values.flatMap { $0 }
    }

    private func score(_ pending: RecordSource.Pending, with escalator: Escalator) -> ScoredRecord {
        let record = pending.decode()
        switch record.result {
        case .success(let decoded):
            let assessment = escalator.assess(decoded.ticket)
            return ScoredRecord(
                id: record.id, source: record.source, line: record.line,
                text: writer.render(assessment, extra: record.extraFields, warnings: decoded.warnings),
                diagnostics: decoded.warnings.map { "\(record.source):\(record.line): warning: \($0)" },
                failed: false, escalated: assessment.escalate)
        case .failure(let error):
            return ScoredRecord(
                id: record.id, source: record.source, line: record.line,
                text: writer.renderError(id: record.id, line: record.line, message: error.message),
                diagnostics: ["\(record.source):\(record.line): error: \(error.message)"],
                failed: true, escalated: false)
        }
    }
}

