import Foundation

/// A small standalone SVG line/bar chart: axes with ticks and labels, a title and a legend.
/// Enough for evaluation plots without a plotting dependency.
struct SVGPlot {
    let title: String, xLabel: String, yLabel: String
    let xRange: ClosedRange<Double>, yRange: ClosedRange<Double>
    let width = 640.0, height = 420.0
    private let left = 70.0, right = 160.0, top = 46.0, bottom = 56.0
    private var body: [String] = []
    private var legend: [(String, String, Bool)] = []

    init(title: String, xLabel: String, yLabel: String, x: ClosedRange<Double>, y: ClosedRange<Double>) {
        self.title = title; self.xLabel = xLabel; self.yLabel = yLabel
        xRange = x.lowerBound < x.upperBound ? x : x.lowerBound...(x.lowerBound + 1)
        yRange = y.lowerBound < y.upperBound ? y : y.lowerBound...(y.lowerBound + 1)
    }

    static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#7f7f7f"]

    private var plotWidth: Double { width - left - right }
    private var plotHeight: Double { height - top - bottom }
    private func px(_ x: Double) -> Double { left + (x - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound) * plotWidth }
    private func py(_ y: Double) -> Double { top + plotHeight - (y - yRange.lowerBound) / (yRange.upperBound - yRange.lowerBound) * plotHeight }
    private func f(_ v: Double) -> String { String(format: "%.1f", v) }

    mutating func line(_ points: [(Double, Double)], color: String, label: String?, dashed: Bool = false, steps: Bool = false) {
        guard !points.isEmpty else { return }
        var path = "M\(f(px(points[0].0))),\(f(py(points[0].1)))"
        for k in 1..<points.count {
            if steps { path += " H\(f(px(points[k].0)))" }
            path += " L\(f(px(points[k].0))),\(f(py(points[k].1)))"
        }
        body.append("<path d=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"\(dashed ? " stroke-dasharray=\"6 4\"" : "")/>")
        if let label { legend.append((label, color, dashed)) }
    }

    mutating func points(_ pts: [(Double, Double)], color: String, radius: [Double]) {
        for (p, r) in zip(pts, radius) {
            body.append("<circle cx=\"\(f(px(p.0)))\" cy=\"\(f(py(p.1)))\" r=\"\(f(r))\" fill=\"\(color)\" fill-opacity=\"0.8\"/>")
        }
    }

    /// Bars from `start` to `end` on x with height y (histograms), semi-transparent so classes overlap readably.
    mutating func bars(_ bins: [(start: Double, end: Double, y: Double)], color: String, label: String) {
        for b in bins where b.y > 0 {
            let x0 = px(b.start), x1 = px(b.end), y = py(b.y)
            body.append("<rect x=\"\(f(x0 + 0.5))\" y=\"\(f(y))\" width=\"\(f(max(0.5, x1 - x0 - 1)))\" height=\"\(f(py(yRange.lowerBound) - y))\" fill=\"\(color)\" fill-opacity=\"0.45\" stroke=\"\(color)\"/>")
        }
        legend.append((label, color, false))
    }

    mutating func verticalMarker(at x: Double, label: String) {
        body.append("<line x1=\"\(f(px(x)))\" x2=\"\(f(px(x)))\" y1=\"\(f(top))\" y2=\"\(f(top + plotHeight))\" stroke=\"#000\" stroke-width=\"1.5\" stroke-dasharray=\"3 3\"/>")
        body.append("<text x=\"\(f(px(x) + 4))\" y=\"\(f(top + 14))\" font-size=\"12\">\(escape(label))</text>")
    }

    private func ticks(_ range: ClosedRange<Double>) -> [Double] {
        let span = range.upperBound - range.lowerBound
        let raw = span / 5
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        var t = ceil(range.lowerBound / step) * step
        var result: [Double] = []
        while t <= range.upperBound + step * 1e-9 { result.append(t); t += step }
        return result
    }

    private func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    func render() -> String {
        var svg = ["<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" font-family=\"Helvetica, Arial, sans-serif\">",
                   "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>",
                   "<text x=\"\(f(left))\" y=\"26\" font-size=\"16\" font-weight=\"bold\">\(escape(title))</text>"]
        for t in ticks(xRange) {
            svg.append("<line x1=\"\(f(px(t)))\" x2=\"\(f(px(t)))\" y1=\"\(f(top))\" y2=\"\(f(top + plotHeight))\" stroke=\"#e5e5e5\"/>")
            svg.append("<text x=\"\(f(px(t)))\" y=\"\(f(top + plotHeight + 18))\" font-size=\"12\" text-anchor=\"middle\">\(label(t))</text>")
        }
        for t in ticks(yRange) {
            svg.append("<line x1=\"\(f(left))\" x2=\"\(f(left + plotWidth))\" y1=\"\(f(py(t)))\" y2=\"\(f(py(t)))\" stroke=\"#e5e5e5\"/>")
            svg.append("<text x=\"\(f(left - 8))\" y=\"\(f(py(t) + 4))\" font-size=\"12\" text-anchor=\"end\">\(label(t))</text>")
        }
        svg.append("<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(plotWidth))\" height=\"\(f(plotHeight))\" fill=\"none\" stroke=\"#333\"/>")
        svg += body
        svg.append("<text x=\"\(f(left + plotWidth / 2))\" y=\"\(f(height - 14))\" font-size=\"13\" text-anchor=\"middle\">\(escape(xLabel))</text>")
        svg.append("<text transform=\"translate(18,\(f(top + plotHeight / 2))) rotate(-90)\" font-size=\"13\" text-anchor=\"middle\">\(escape(yLabel))</text>")
        for (k, item) in legend.enumerated() {
            let y = top + 10 + Double(k) * 20
            let x = left + plotWidth + 14
            svg.append("<line x1=\"\(f(x))\" x2=\"\(f(x + 24))\" y1=\"\(f(y))\" y2=\"\(f(y))\" stroke=\"\(item.1)\" stroke-width=\"3\"\(item.2 ? " stroke-dasharray=\"6 4\"" : "")/>")
            svg.append("<text x=\"\(f(x + 30))\" y=\"\(f(y + 4))\" font-size=\"12\">\(escape(item.0))</text>")
        }
        svg.append("</svg>")
        return svg.joined(separator: "\n") + "\n"
    }

    private func label(_ v: Double) -> String {
        abs(v - v.rounded()) < 1e-9 ? String(Int(v.rounded())) : String(format: "%g", (v * 1000).rounded() / 1000)
    }
}
