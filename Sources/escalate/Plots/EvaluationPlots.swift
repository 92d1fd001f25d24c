import EscalationCore
import Foundation

/// Writes the evaluation plots and `report.html` into a directory (`eval --plot DIR`, `tune --plot DIR`).
enum EvaluationPlots {
    static func write(to dir: String, tickets: [EvaluatedTicket], report: EvaluationReport, chosenThreshold: Double?,
                      tables: String) throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let scores = tickets.map(\.priority), labels = tickets.map(\.label)
        let files: [(String, String)] = [
            ("roc.svg", roc(scores, labels, report)),
            ("precision_recall.svg", precisionRecall(scores, labels, report)),
            ("thresholds.svg", thresholds(scores, labels, chosen: chosenThreshold ?? report.threshold)),
            ("calibration.svg", calibration(report)),
            ("histogram.svg", histogram(scores, labels)),
        ]
        for (name, svg) in files {
            try svg.write(toFile: (dir as NSString).appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let html = """
        <!doctype html>
        <html><head><meta charset="utf-8"><title>escalate evaluation</title>
        <style>body{font-family:Helvetica,Arial,sans-serif;margin:24px;max-width:1340px}
        pre{background:#f6f6f6;padding:12px;font-size:13px;overflow-x:auto}
        .grid{display:flex;flex-wrap:wrap;gap:16px} img{border:1px solid #ddd}</style></head>
        <body><h1>escalate evaluation</h1>
        <pre>\(tables.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;"))</pre>
        <div class="grid">
        \(files.map { "<img src=\"\($0.0)\" alt=\"\($0.0)\" width=\"640\" height=\"420\">" }.joined(separator: "\n"))
        </div></body></html>

        """
        try html.write(toFile: (dir as NSString).appendingPathComponent("report.html"), atomically: true, encoding: .utf8)
    }

    static let blue = SVGPlot.palette[0], red = SVGPlot.palette[1], green = SVGPlot.palette[2], purple = SVGPlot.palette[3], grey = SVGPlot.palette[5]

    static func roc(_ s: [Double], _ l: [Bool], _ r: EvaluationReport) -> String {
        var p = SVGPlot(title: "ROC curve (AUC \(show(r.rocAUC, 3)))", xLabel: "false positive rate", yLabel: "true positive rate", x: 0...1, y: 0...1)
        p.line([(0, 0), (1, 1)], color: grey, label: "chance", dashed: true)
        p.line(Metrics.rocCurve(scores: s, labels: l).map { ($0.fpr, $0.tpr) }, color: blue, label: "escalate")
        return p.render()
    }

    static func precisionRecall(_ s: [Double], _ l: [Bool], _ r: EvaluationReport) -> String {
        var p = SVGPlot(title: "Precision–recall (AP \(show(r.averagePrecision, 3)))", xLabel: "recall", yLabel: "precision", x: 0...1, y: 0...1)
        let base = Double(l.filter { $0 }.count) / Double(max(1, l.count))
        p.line([(0, base), (1, base)], color: grey, label: "base rate", dashed: true)
        var points: [(Double, Double)] = []
        for t in sweep(s) {
            let c = Metrics.confusion(scores: s, labels: l, threshold: t)
            if let rec = c.recall, let prec = c.precision { points.append((rec, prec)) }
        }
        p.line(points.sorted { $0.0 < $1.0 }, color: blue, label: "escalate")
        return p.render()
    }

    static func thresholds(_ s: [Double], _ l: [Bool], chosen: Double) -> String {
        var p = SVGPlot(title: "Metrics by threshold", xLabel: "priority threshold", yLabel: "value (rate as fraction)", x: 0...100, y: 0...1)
        var prec: [(Double, Double)] = [], rec: [(Double, Double)] = [], f1: [(Double, Double)] = [], rate: [(Double, Double)] = []
        for t in stride(from: 0.0, through: 100.0, by: 1.0) {
            let c = Metrics.confusion(scores: s, labels: l, threshold: t)
            if let v = c.precision { prec.append((t, v)) }
            if let v = c.recall { rec.append((t, v)) }
            f1.append((t, c.f1))
            if let v = c.escalationRate { rate.append((t, v / 100)) }
        }
        p.line(prec, color: blue, label: "precision")
        p.line(rec, color: red, label: "recall")
        p.line(f1, color: green, label: "F1")
        p.line(rate, color: purple, label: "escalation rate", dashed: true)
        p.verticalMarker(at: min(100, max(0, chosen)), label: "threshold \(show(chosen, 1))")
        return p.render()
    }

    static func calibration(_ r: EvaluationReport) -> String {
        var p = SVGPlot(title: "Reliability (priority/100 as probability)", xLabel: "mean predicted", yLabel: "observed escalation rate", x: 0...1, y: 0...1)
        p.line([(0, 0), (1, 1)], color: grey, label: "perfect", dashed: true)
        let filled = r.calibration.filter { $0.count > 0 }
        let pts = filled.map { ($0.meanPredicted!, $0.observedRate!) }
        p.line(pts, color: blue, label: "escalate")
        let most = Double(filled.map(\.count).max() ?? 1)
        p.points(pts, color: blue, radius: filled.map { 3 + 6 * (Double($0.count) / most).squareRoot() })
        return p.render()
    }

    static func histogram(_ s: [Double], _ l: [Bool]) -> String {
        func bins(_ values: [Double]) -> [(start: Double, end: Double, y: Double)] {
            var counts = [Double](repeating: 0, count: 20)
            for v in values { counts[min(19, max(0, Int(v / 5)))] += 1 }
            let total = max(1, Double(values.count))
            return counts.enumerated().map { (Double($0.offset) * 5, Double($0.offset + 1) * 5, $0.element / total) }
        }
        let yes = bins(zip(s, l).filter { $0.1 }.map(\.0)), no = bins(zip(s, l).filter { !$0.1 }.map(\.0))
        let top = max(yes.map(\.y).max() ?? 0, no.map(\.y).max() ?? 0)
        var p = SVGPlot(title: "Priority by labeled class", xLabel: "priority", yLabel: "share of class", x: 0...100, y: 0...max(0.05, top * 1.1))
        p.bars(no, color: blue, label: "labeled calm")
        p.bars(yes, color: red, label: "labeled escalate")
        return p.render()
    }

    /// Every distinct score as a threshold, high to low.
    static func sweep(_ s: [Double]) -> [Double] { Array(Set(s)).sorted(by: >) }
}
