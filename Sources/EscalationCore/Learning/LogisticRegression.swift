import Foundation

/// L2-regularized logistic regression on a few dense features (the priority components, or
/// Platt's one log-odds column), by Newton's method: with ~15 features the Hessian is tiny, so
/// each step is exact, convergence takes a handful of iterations, and the result depends on
/// nothing but the data (no learning rate, no random start, no sample order).
///
/// Minimizes Σᵢ [log(1 + e^zᵢ) − tᵢ zᵢ] + λ/2 ‖β‖², zᵢ = b + β·xᵢ: the intercept b is not
/// penalized, targets tᵢ may be soft (in 0…1, as Platt's smoothed labels are).
public enum LogisticRegression {
    public struct Fit: Sendable, Equatable {
        public var intercept: Double
        public var coefficients: [Double]

        public func logOdds(_ x: [Double]) -> Double {
            var z = intercept
            for (b, v) in zip(coefficients, x) { z += b * v }
            return z
        }
    }

    /// `rows` n × d, `targets` n values in 0…1, `l2` = λ ≥ 0.
    public static func fit(rows: [[Double]], targets: [Double], l2: Double) -> Fit {
        fit(rows: rows, targets: targets, l2: l2, columns: Array(0..<(rows.first?.count ?? 0)))
    }

    /// With every coefficient ≥ 0 (a bound-constrained problem solved by an active set): a
    /// coefficient that would turn negative is held at 0, and one held at 0 is freed again when
    /// the loss would fall by raising it (its gradient is negative). The intercept is free.
    public static func fitNonNegative(rows: [[Double]], targets: [Double], l2: Double) -> Fit {
        let d = rows.first?.count ?? 0
        var free = Array(0..<d)
        var fit = Self.fit(rows: rows, targets: targets, l2: l2, columns: free)
        // Each pass moves one column; the bound guards against cycling on degenerate data.
        for _ in 0..<(4 * d + 4) {
            if let worst = free.min(by: { fit.coefficients[$0] < fit.coefficients[$1] }), fit.coefficients[worst] < 0 {
                free.removeAll { $0 == worst }
            } else {
                let held = (0..<d).filter { !free.contains($0) }
                let gradient = Self.gradient(rows: rows, targets: targets, fit: fit)
                guard let best = held.min(by: { gradient[$0] < gradient[$1] }), gradient[best] < -1e-9 * Double(max(1, rows.count)) else { break }
                free.append(best)
                free.sort()
            }
            fit = Self.fit(rows: rows, targets: targets, l2: l2, columns: free)
        }
        for k in 0..<d where fit.coefficients[k] < 0 { fit.coefficients[k] = 0 }
        return fit
    }

    /// The loss's gradient with respect to each coefficient (penalty included).
    static func gradient(rows: [[Double]], targets: [Double], fit: Fit) -> [Double] {
        var g = [Double](repeating: 0, count: fit.coefficients.count)
        for (x, t) in zip(rows, targets) {
            let r = Logistic.probability(logOdds: fit.logOdds(x)) - t
            for k in g.indices { g[k] += r * x[k] }
        }
        return g
    }

    /// Newton steps on the intercept and the coefficients of `columns`; the others stay 0.
    static func fit(rows: [[Double]], targets: [Double], l2: Double, columns: [Int]) -> Fit {
        let d = rows.first?.count ?? 0
        let m = columns.count + 1  // parameter 0 is the intercept
        var theta = [Double](repeating: 0, count: m)
        // Start the intercept at the base rate: the first step is then already close.
        let mean = min(1 - 1e-6, max(1e-6, targets.reduce(0, +) / Double(max(1, targets.count))))
        theta[0] = log(mean / (1 - mean))
        func features(_ x: [Double]) -> [Double] { [1] + columns.map { x[$0] } }
        let design = rows.map(features)
        func objective(_ theta: [Double]) -> Double {
            var loss = 0.0
            for (x, t) in zip(design, targets) {
                let z = dot(theta, x)
                loss += softplus(z) - t * z
            }
            return loss + l2 / 2 * theta.dropFirst().reduce(0) { $0 + $1 * $1 }
        }
        var current = objective(theta)
        for _ in 0..<100 {
            var g = [Double](repeating: 0, count: m)
            var h = [Double](repeating: 0, count: m * m)
            for (x, t) in zip(design, targets) {
                let p = Logistic.probability(logOdds: dot(theta, x))
                let w = max(p * (1 - p), 1e-12)
                for a in 0..<m {
                    g[a] += (p - t) * x[a]
                    for b in 0...a { h[a * m + b] += w * x[a] * x[b] }
                }
            }
            for a in 1..<max(1, m) { g[a] += l2 * theta[a]; h[a * m + a] += l2 }
            // A whisker of ridge keeps the system solvable when a column is constant or all 0.
            for a in 0..<m { h[a * m + a] += 1e-9 }
            guard let step = solveSymmetric(h, g, m) else { break }
            // Halve the step until the objective does not rise (Newton overshoots far from the optimum).
            var scale = 1.0, next = theta, value = current
            for _ in 0..<30 {
                next = zip(theta, step).map { $0 - scale * $1 }
                value = objective(next)
                if value <= current + 1e-12 * abs(current) { break }
                scale /= 2
            }
            let moved = zip(theta, next).reduce(0) { max($0, abs($1.0 - $1.1)) }
            theta = next
            current = value
            if moved < 1e-10 { break }
        }
        var coefficients = [Double](repeating: 0, count: d)
        for (k, column) in columns.enumerated() { coefficients[column] = theta[k + 1] }
        return Fit(intercept: theta[0], coefficients: coefficients)
    }

    /// log(1 + e^z) without overflow.
    static func softplus(_ z: Double) -> Double { max(z, 0) + log1p(exp(-abs(z))) }

    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var s = 0.0
        for k in a.indices { s += a[k] * b[k] }
        return s
    }

    /// Solves H x = g for a symmetric positive definite H (lower triangle filled, row-major m × m)
    /// by Cholesky; nil when H is not positive definite.
    static func solveSymmetric(_ h: [Double], _ g: [Double], _ m: Int) -> [Double]? {
        var l = [Double](repeating: 0, count: m * m)
        for i in 0..<m {
            for j in 0...i {
                var s = h[i * m + j]
                for k in 0..<j { s -= l[i * m + k] * l[j * m + k] }
                if i == j {
                    guard s > 0, s.isFinite else { return nil }
                    l[i * m + i] = s.squareRoot()
                } else {
                    l[i * m + j] = s / l[j * m + j]
                }
            }
        }
        var y = g
        for i in 0..<m {
            for k in 0..<i { y[i] -= l[i * m + k] * y[k] }
            y[i] /= l[i * m + i]
        }
        for i in stride(from: m - 1, through: 0, by: -1) {
            for k in (i + 1)..<m { y[i] -= l[k * m + i] * y[k] }
            y[i] /= l[i * m + i]
        }
        return y
    }
}
