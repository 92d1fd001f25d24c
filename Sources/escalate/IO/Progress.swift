import Foundation

/// A one-line progress display on stderr — only when stderr is a terminal and the input is
/// files of known size, so logs and pipelines never see it.
final class Progress {
    private let enabled: Bool
    private let totalBytes: Int
    private var doneBytes = 0
    private var records = 0
    private let start = Date()
    private var lastDraw = Date.distantPast

    init(paths: [String], quiet: Bool) {
        var total = 0
        var known = !paths.isEmpty
        for path in paths {
            guard path != "-", let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int else {
                known = false
                break
            }
            total += size
        }
        totalBytes = total
        enabled = !quiet && known && total > 0 && isatty(2) == 1
    }

    /// `fileBytes`: bytes consumed so far across all files.
    func update(records: Int, fileBytes: Int) {
        guard enabled else { return }
        self.records = records
        doneBytes = fileBytes
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.2 else { return }
        lastDraw = now
        draw(now)
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    private func draw(_ now: Date) {
        let elapsed = max(now.timeIntervalSince(start), 1e-6)
        let fraction = min(1, Double(doneBytes) / Double(totalBytes))
        let rate = Double(records) / elapsed
        let eta = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0
        let width = 24
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let line = String(format: "\r%@ %3.0f%%  %d tickets  %.0f/s  ETA %.0fs\u{1B}[K", bar, fraction * 100, records, rate, eta)
        FileHandle.standardError.write(Data(line.utf8))
    }
}
