import Foundation

/// Sparse rows in compressed form: row i's columns and values are at rowStart[i]..<rowStart[i+1].
struct SparseRows: Sendable {
    var rowStart: [Int] = [0]
    var columns: [Int32] = []
    /// Single precision: the solver's passes over the rows are bound by memory bandwidth.
    var values: [Float] = []
    var columnCount = 0

    var count: Int { rowStart.count - 1 }

    mutating func append<S: Sequence>(_ entries: S) where S.Element == (Int32, Double) {
        for (c, v) in entries { columns.append(c); values.append(Float(v)) }
        rowStart.append(columns.count)
    }
}

/// L2-regularized logistic regression, intercept unpenalized, fitted by L-BFGS:
/// minimize Σᵢ log(1 + exp(−yᵢ·zᵢ)) + ‖w‖² / (2C) over the given rows (scikit-learn's `C`).
/// No randomness: the same rows give the same weights.
struct SparseLogisticRegression {
    var weights: [Double]
    var intercept = 0.0

    init(columns: Int) { weights = [Double](repeating: 0, count: columns) }

    func decision(_ x: SparseRows, _ row: Int) -> Double {
        var z = intercept
        for j in x.rowStart[row]..<x.rowStart[row + 1] { z += Double(x.values[j]) * weights[Int(x.columns[j])] }
        return z
    }

    /// Σ values × θ[column] over one row's entries. Four running sums: with one, each addition
    /// waits for the previous (the loop ran at the adder's latency, most of the solver's time);
    /// the order is fixed, so results are still the same on every run.
    @inline(__always)
    static func rowDot(_ range: Range<Int>, _ cols: UnsafeBufferPointer<Int32>, _ vals: UnsafeBufferPointer<Float>,
                       _ theta: UnsafeBufferPointer<Double>) -> Double {
        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
        var j = range.lowerBound
        let end = range.upperBound
        while j + 4 <= end {
            s0 += Double(vals[j]) * theta[Int(cols[j])]
            s1 += Double(vals[j + 1]) * theta[Int(cols[j + 1])]
            s2 += Double(vals[j + 2]) * theta[Int(cols[j + 2])]
            s3 += Double(vals[j + 3]) * theta[Int(cols[j + 3])]
            j += 4
        }
        while j < end { s0 += Double(vals[j]) * theta[Int(cols[j])]; j += 1 }
        return (s0 + s1) + (s2 + s3)
    }

    /// Fits on `rows` of `x` starting from the current weights (a warm start along a path of C).
    /// Stops as scikit-learn's lbfgs does, when no gradient component of the mean loss exceeds
    /// `tolerance`, or when the objective stops moving.
    mutating func fit(_ x: SparseRows, labels: [Bool], rows: [Int], c: Double, tolerance: Double = 1e-4, maxIterations: Int = 300) {
        let n = weights.count + 1  // the intercept is the last parameter
        let memory = 8
        // From nothing, the intercept starts at the classes' log ratio (what it is with no
        // features): a few iterations fewer.
        if intercept == 0 && !weights.contains(where: { $0 != 0 }) {
            let positives = Double(rows.filter { labels[$0] }.count)
            if positives > 0 && positives < Double(rows.count) { intercept = log(positives / (Double(rows.count) - positives)) }
        }
        var theta = weights + [intercept]
        var g = [Double](repeating: 0, count: n), newG = g, candidate = g, direction = g
        // History of steps s and gradient changes y, a ring of `memory` rows.
        var sHistory = [Double](repeating: 0, count: memory * n), yHistory = sHistory
        var rho = [Double](repeating: 0, count: memory), alpha = rho
        var stored = 0, newest = -1
        let y = rows.map { labels[$0] ? 1.0 : -1.0 }
        let invC = 1 / c

        var loss = [0.0]

        func evaluate(_ theta: UnsafeBufferPointer<Double>, _ g: UnsafeMutableBufferPointer<Double>) -> Double {
            x.rowStart.withUnsafeBufferPointer { starts in
            x.columns.withUnsafeBufferPointer { cols in
            x.values.withUnsafeBufferPointer { vals in
            rows.withUnsafeBufferPointer { rows in
            y.withUnsafeBufferPointer { y in
            loss.withUnsafeMutableBufferPointer { loss in
                LossPass(starts: starts, cols: cols, vals: vals, rows: rows, y: y, theta: theta, gradient: g, loss: loss).run()
            }}}}}}
            var f = loss[0]
            for i in 0..<(n - 1) { f += 0.5 * invC * theta[i] * theta[i]; g[i] += invC * theta[i] }
            return f
        }

        func dot(_ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>) -> Double {
            // Four running sums, as in `rowDot`.
            var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
            var i = 0
            while i + 4 <= a.count {
                s0 += a[i] * b[i]; s1 += a[i + 1] * b[i + 1]; s2 += a[i + 2] * b[i + 2]; s3 += a[i + 3] * b[i + 3]
                i += 4
            }
            while i < a.count { s0 += a[i] * b[i]; i += 1 }
            return (s0 + s1) + (s2 + s3)
        }

        var f = theta.withUnsafeBufferPointer { th in g.withUnsafeMutableBufferPointer { evaluate(th, $0) } }
        let gLimit = tolerance * Double(rows.count)
        theta.withUnsafeMutableBufferPointer { theta in
        g.withUnsafeMutableBufferPointer { g in
        newG.withUnsafeMutableBufferPointer { newG in
        candidate.withUnsafeMutableBufferPointer { candidate in
        direction.withUnsafeMutableBufferPointer { q in
        sHistory.withUnsafeMutableBufferPointer { sh in
        yHistory.withUnsafeMutableBufferPointer { yh in
            func row(_ h: UnsafeMutableBufferPointer<Double>, _ k: Int) -> UnsafeBufferPointer<Double> {
                UnsafeBufferPointer(rebasing: h[(k * n)..<((k + 1) * n)])
            }
            for iteration in 0..<maxIterations {
                var gMax = 0.0
                for i in 0..<n { gMax = max(gMax, abs(g[i])) }
                if gMax <= gLimit { break }
                let gNorm = dot(UnsafeBufferPointer(g), UnsafeBufferPointer(g)).squareRoot()
                // Two-loop recursion: q = H·g, newest step first.
                for i in 0..<n { q[i] = g[i] }
                for back in 0..<stored {
                    let k = (newest - back + memory) % memory
                    alpha[k] = rho[k] * dot(row(sh, k), UnsafeBufferPointer(q))
                    let a = alpha[k]
                    for i in 0..<n { q[i] -= a * yh[k * n + i] }
                }
                let gamma: Double
                if stored > 0 {
                    let yk = row(yh, newest)
                    gamma = dot(row(sh, newest), yk) / dot(yk, yk)
                } else {
                    gamma = 1 / max(gNorm, 1)
                }
                for i in 0..<n { q[i] *= gamma }
                for forward in 0..<stored {
                    let k = (newest - stored + 1 + forward + memory) % memory
                    let beta = rho[k] * dot(row(yh, k), UnsafeBufferPointer(q))
                    let a = alpha[k] - beta
                    for i in 0..<n { q[i] += a * sh[k * n + i] }
                }
                // Direction −q; if it is not downhill, restart from steepest descent.
                var slope = 0.0
                for i in 0..<n { q[i] = -q[i]; slope += g[i] * q[i] }
                if slope >= 0 {
                    for i in 0..<n { q[i] = -g[i] * gamma }
                    slope = -gamma * gNorm * gNorm
                    stored = 0
                }
                // Backtracking line search (Armijo).
                var step = 1.0, newF = f, accepted = false
                for _ in 0..<30 {
                    for i in 0..<n { candidate[i] = theta[i] + step * q[i] }
                    newF = evaluate(UnsafeBufferPointer(candidate), newG)
                    if newF <= f + 1e-4 * step * slope { accepted = true; break }
                    step *= 0.5
                }
                if !accepted { break }
                let k = (newest + 1) % memory
                var sy = 0.0
                for i in 0..<n {
                    let s = candidate[i] - theta[i], yi = newG[i] - g[i]
                    sh[k * n + i] = s
                    yh[k * n + i] = yi
                    sy += s * yi
                }
                if sy > 1e-12 {
                    rho[k] = 1 / sy
                    newest = k
                    stored = min(stored + 1, memory)
                } else if stored == memory {
                    stored -= 1  // slot k held the oldest pair and was overwritten
                }
                let decrease = f - newF
                for i in 0..<n { theta[i] = candidate[i]; g[i] = newG[i] }
                f = newF
                if decrease <= 1e-10 * max(abs(f), 1) && iteration > 0 { break }
            }
        }}}}}}}
        weights = Array(theta[0..<(n - 1)])
        intercept = theta[n - 1]
    }
}

/// One loss evaluation's inputs and outputs as raw buffers.
private struct LossPass {
    let starts: UnsafeBufferPointer<Int>, cols: UnsafeBufferPointer<Int32>, vals: UnsafeBufferPointer<Float>
    let rows: UnsafeBufferPointer<Int>, y: UnsafeBufferPointer<Double>, theta: UnsafeBufferPointer<Double>
    let gradient: UnsafeMutableBufferPointer<Double>
    let loss: UnsafeMutableBufferPointer<Double>

    /// The data's loss into `loss[0]`, its gradient into `gradient` (overwritten; the intercept's is the last).
    func run() {
        let g = gradient
        let n = g.count
        for i in 0..<n { g[i] = 0 }
        let b = theta[n - 1]
        var f = 0.0, gb = 0.0
        for k in 0..<rows.count {
            let r = rows[k]
            let range = starts[r]..<starts[r + 1]
            let z = b + SparseLogisticRegression.rowDot(range, cols, vals, theta)
            let m = y[k] * z
            // log(1 + e^−m) and −y·σ(−m), without overflow.
            let e = exp(-abs(m))
            f += m > 0 ? log1p(e) : -m + log1p(e)
            let gz = -y[k] * (m > 0 ? e / (1 + e) : 1 / (1 + e))
            for j in range { g[Int(cols[j])] += gz * Double(vals[j]) }
            gb += gz
        }
        g[n - 1] = gb
        loss[0] = f
    }
}
