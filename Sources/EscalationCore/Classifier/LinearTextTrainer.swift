import Foundation

/// Configured parameters of `LinearTextTrainer` (learned ones live in `LinearText`).
public struct LinearTextConfiguration: Sendable, Equatable {
    public enum Weighting: String, Sendable, CaseIterable {
        /// Smoothed inverse document frequency, ln((1 + n) / (1 + df)) + 1 (scikit-learn's).
        case idf
        /// Naive Bayes log-count ratio of presence, with add-one smoothing (NBSVM).
        case nb
    }
    public var grams = CharGrams()
    public var weighting = Weighting.idf
    /// Internal stratified cross-validation folds that choose C and the character block's
    /// weight from the lists below; below 2 (or too few examples of a class), `c` and
    /// `charWeight` are used as they are.
    public var folds = 3
    public var c = 3.0
    public var charWeight = 1.0
    /// Inverse L2 strengths tried, weakest regularization last (ties go to the earlier one).
    public var cs: [Double] = [3, 10, 30]
    /// Weights of the character n-gram block tried (words weigh 1); ties go to the earlier one.
    public var charWeights: [Double] = [1, 0.5]
    /// Features in fewer training documents than this are left out (most word pairs occur
    /// once: leaving them out keeps the model small and the fit fast), once there are at least
    /// `minDocumentsFrom` training documents; below that every feature counts.
    public var minDocuments = 2
    public var minDocumentsFrom = 200
    /// The solver stops when no gradient component of the mean loss exceeds this (scikit-learn's `tol`).
    public var tolerance = 1e-4

    public init() {}
}

/// Trains `LinearText`. Deterministic and independent of the input's order: documents are put
/// in a canonical order first, folds are dealt in that order, and the solver has no randomness.
public struct LinearTextTrainer: ClassifierTrainer {
    public var configuration: LinearTextConfiguration

    public init(configuration: LinearTextConfiguration = .init()) { self.configuration = configuration }

    public func train(_ documents: [[String]], labels: [Bool]) -> any Classifier { fit(documents, labels: labels) }

    public var readsMarks: Bool { true }

    public func fit(_ documents: [[String]], labels: [Bool]) -> LinearText {
        precondition(documents.count == labels.count, "one label per document")
        let order = documents.indices.sorted { a, b in
            let (x, y) = (documents[a], documents[b])
            if x != y { return x.lexicographicallyPrecedes(y) { $0.utf8.lexicographicallyPrecedes($1.utf8) } }
            return !labels[a] && labels[b]
        }
        let data = LinearTextData(order.map { documents[$0] }, grams: configuration.grams)
        let labels = order.map { labels[$0] }
        var info = LinearText.TrainingInfo()
        (info.trainedOn, info.positives, info.weighting) = (labels.count, labels.filter { $0 }.count, configuration.weighting.rawValue)
        (info.c, info.charWeight) = (configuration.c, configuration.charWeight)
        let classesPerFold = min(labels.filter { $0 }.count, labels.filter { !$0 }.count)
        if configuration.folds >= 2 && classesPerFold >= configuration.folds {
            let choice = crossValidate(data, labels)
            (info.c, info.charWeight, info.folds, info.rocAUC, info.prAUC) = (choice.c, choice.charWeight, configuration.folds, choice.roc, choice.pr)
        }
        let all = Array(labels.indices)
        let weights = data.featureScales(rows: all, labels: labels, configuration)
        let (x, compact) = data.rows(weights, charWeight: info.charWeight)
        var lr = SparseLogisticRegression(columns: x.columnCount)
        if labels.contains(true) && labels.contains(false) { lr.fit(x, labels: labels, rows: all, c: info.c, tolerance: configuration.tolerance) }
        return data.model(lr, weights, compact, charWeight: info.charWeight, info: info)
    }

    /// The (C, character weight) with the best mean held-out ROC-AUC over the internal folds.
    private func crossValidate(_ data: LinearTextData, _ labels: [Bool]) -> (c: Double, charWeight: Double, roc: Double, pr: Double) {
        let k = configuration.folds, cs = configuration.cs, cws = configuration.charWeights
        let fold = Folds.stratified(labels: labels, k: k)
        // Per fold and character weight, the figures of each C; the 2k tasks run in parallel.
        let perTask = FoldFigures(count: k * cws.count)
        DispatchQueue.concurrentPerform(iterations: k * cws.count) { task in
            let f = task / cws.count, cw = cws[task % cws.count]
            let train = labels.indices.filter { fold[$0] != f }, held = labels.indices.filter { fold[$0] == f }
            let weights = data.featureScales(rows: train, labels: labels, configuration)
            let x = data.rows(weights, charWeight: cw).x
            var lr = SparseLogisticRegression(columns: x.columnCount)
            perTask.set(task, cs.map { c in
                lr.fit(x, labels: labels, rows: train, c: c, tolerance: configuration.tolerance)  // warm start from the previous C
                let scores = held.map { lr.decision(x, $0) }, truth = held.map { labels[$0] }
                return (Metrics.rocAUC(scores: scores, labels: truth) ?? 0.5, Metrics.averagePrecision(scores: scores, labels: truth) ?? 0)
            })
        }
        let results = cws.indices.map { w in cs.indices.map { ci in (0..<k).map { perTask.value($0 * cws.count + w)[ci] } } }
        var best = (c: cs[0], charWeight: cws[0], roc: -1.0, pr: 0.0)
        for (w, cw) in cws.enumerated() {
            for (ci, c) in cs.enumerated() {
                let roc = results[w][ci].map(\.0).reduce(0, +) / Double(k), pr = results[w][ci].map(\.1).reduce(0, +) / Double(k)
                if roc > best.roc + 1e-9 { best = (c, cw, roc, pr) }
            }
        }
        return best
    }
}

/// Training documents as damped feature counts: word features (unigrams, bigrams) numbered in
/// first-seen order, character n-gram buckets numbered after them.
struct LinearTextData {
    let grams: CharGrams
    var names: [String] = []
    /// Per bucket column (after the word columns): its bucket number.
    var bucketOfColumn: [Int] = []
    /// Per document: (column, damped count) of each block, columns ascending.
    var wordRows: [[(Int32, Double)]] = []
    var charRows: [[(Int32, Double)]] = []

    var wordColumns: Int { names.count }

    init(_ documents: [[String]], grams: CharGrams) {
        self.grams = grams
        var column: [String: Int32] = [:]
        var bigramColumn: [Int64: Int32] = [:]
        var compactBucket = [Int32](repeating: -1, count: grams.bucketCount)
        var wordBuckets: [[Int32]] = []  // per unigram column (bigrams: empty)
        var names: [String] = []
        var buckets: [Int] = []
        var wordCount = [Double](), charCount = [Double]()
        var touchedWords: [Int32] = [], touchedChars: [Int32] = []
        for words in documents {
            var seen: [Int32: Int] = [:]
            var previous: Int32 = -1
            for word in words {
                let u: Int32
                if let c = column[word] { u = c } else {
                    u = Int32(names.count)
                    column[word] = u
                    names.append(word)
                    wordCount.append(0)
                    var list: [Int32] = []
                    grams.forEachBucket(word) { b in
                        if compactBucket[b] < 0 { compactBucket[b] = Int32(buckets.count); buckets.append(b); charCount.append(0) }
                        list.append(compactBucket[b])
                    }
                    while wordBuckets.count < names.count - 1 { wordBuckets.append([]) }
                    wordBuckets.append(list)
                }
                let k = seen[u, default: 0] + 1
                seen[u] = k
                let d = Damping.weight(occurrence: k)
                if wordCount[Int(u)] == 0 { touchedWords.append(u) }
                wordCount[Int(u)] += d
                if previous >= 0 {
                    let key = Int64(previous) << 32 | Int64(u)
                    let b: Int32
                    if let c = bigramColumn[key] { b = c } else {
                        b = Int32(names.count)
                        bigramColumn[key] = b
                        names.append(names[Int(previous)] + " " + word)
                        wordCount.append(0)
                    }
                    if wordCount[Int(b)] == 0 { touchedWords.append(b) }
                    wordCount[Int(b)] += d
                }
                for b in wordBuckets[Int(u)] {
                    if charCount[Int(b)] == 0 { touchedChars.append(b) }
                    charCount[Int(b)] += d
                }
                previous = u
            }
            touchedWords.sort(); touchedChars.sort()
            wordRows.append(touchedWords.map { ($0, wordCount[Int($0)]) })
            charRows.append(touchedChars.map { ($0, charCount[Int($0)]) })
            for c in touchedWords { wordCount[Int(c)] = 0 }
            for c in touchedChars { charCount[Int(c)] = 0 }
            touchedWords.removeAll(keepingCapacity: true); touchedChars.removeAll(keepingCapacity: true)
        }
        self.names = names
        bucketOfColumn = buckets
    }

    /// Per column (words, then buckets): its scale r from the given rows; 0 when unseen there.
    func featureScales(rows: [Int], labels: [Bool], _ configuration: LinearTextConfiguration) -> [Double] {
        let minimum = rows.count >= configuration.minDocumentsFrom ? Double(configuration.minDocuments) : 1
        let columns = names.count + bucketOfColumn.count
        var present = [[Double]](repeating: [Double](repeating: 0, count: columns), count: 2)
        for r in rows {
            let c = labels[r] ? 1 : 0
            for (j, _) in wordRows[r] { present[c][Int(j)] += 1 }
            for (j, _) in charRows[r] { present[c][names.count + Int(j)] += 1 }
        }
        let n = Double(rows.count)
        switch configuration.weighting {
        case .idf:
            return (0..<columns).map { j in
                let df = present[0][j] + present[1][j]
                return df >= minimum ? log((1 + n) / (1 + df)) + 1 : 0
            }
        case .nb:
            let totals = present.map { $0.reduce(0, +) + Double(columns) }
            return (0..<columns).map { j in
                present[0][j] + present[1][j] >= minimum ? log((present[1][j] + 1) / totals[1]) - log((present[0][j] + 1) / totals[0]) : 0
            }
        }
    }

    /// Every document as scaled, block-normalized features (the model's formula). Columns with
    /// no scale (unseen in the rows the scales came from) are left out: `compact` maps each
    /// column to its place in the solver's vector, or -1.
    func rows(_ scale: [Double], charWeight: Double) -> (x: SparseRows, compact: [Int32]) {
        var compact = [Int32](repeating: -1, count: scale.count)
        var used: Int32 = 0
        for j in scale.indices where scale[j] != 0 { compact[j] = used; used += 1 }
        var x = SparseRows()
        x.columnCount = Int(used)
        let offset = Int32(names.count)
        for r in wordRows.indices {
            let qw = wordRows[r].reduce(0.0) { $0 + $1.1 * scale[Int($1.0)] * scale[Int($1.0)] }
            let qc = charRows[r].reduce(0.0) { $0 + $1.1 * scale[Int(offset + $1.0)] * scale[Int(offset + $1.0)] }
            let nw = qw > 0 ? 1 / qw.squareRoot() : 0, nc = qc > 0 ? charWeight / qc.squareRoot() : 0
            let words = wordRows[r].filter { compact[Int($0.0)] >= 0 }.map { (compact[Int($0.0)], $0.1 * scale[Int($0.0)] * nw) }
            let chars = charRows[r].filter { compact[Int(offset + $0.0)] >= 0 }
                .map { (compact[Int(offset + $0.0)], $0.1 * scale[Int(offset + $0.0)] * nc) }
            x.append(words + chars)
        }
        return (x, compact)
    }

    /// The stored model: final weights (coefficient × scale), squared scales; unseen columns dropped.
    func model(_ lr: SparseLogisticRegression, _ scale: [Double], _ compact: [Int32], charWeight: Double, info: LinearText.TrainingInfo) -> LinearText {
        var features: [String] = [], fw: [Double] = [], fq: [Double] = []
        for (j, name) in names.enumerated() where compact[j] >= 0 {
            features.append(name); fw.append(Self.rounded(lr.weights[Int(compact[j])] * scale[j])); fq.append(Self.rounded(scale[j] * scale[j]))
        }
        var buckets: [(Int, Double, Double)] = []
        for (i, b) in bucketOfColumn.enumerated() where compact[names.count + i] >= 0 {
            let j = names.count + i
            buckets.append((b, Self.rounded(charWeight * lr.weights[Int(compact[j])] * scale[j]), Self.rounded(scale[j] * scale[j])))
        }
        buckets.sort { $0.0 < $1.0 }
        // Every array is built consistent here, so the initializer cannot fail.
        return try! LinearText(grams: grams, intercept: lr.intercept, features: features, featureWeights: fw, featureNorms: fq,
                               buckets: buckets.map(\.0), bucketWeights: buckets.map(\.1), bucketNorms: buckets.map(\.2), info: info)
    }

    /// Seven significant digits: the model file stays small, and what is stored is what scores.
    static func rounded(_ x: Double) -> Double {
        guard x != 0, x.isFinite else { return x }
        let scale = pow(10, 6 - floor(log10(abs(x))))
        return (x * scale).rounded() / scale
    }
}

/// Each task's figures (ROC-AUC, PR-AUC per C), written by the thread that ran it.
private final class FoldFigures: @unchecked Sendable {
    private let lock = NSLock()
    private var figures: [[(Double, Double)]]

    init(count: Int) { figures = Array(repeating: [], count: count) }

    func set(_ task: Int, _ value: [(Double, Double)]) { lock.lock(); figures[task] = value; lock.unlock() }
    func value(_ task: Int) -> [(Double, Double)] { lock.lock(); defer { lock.unlock() }; return figures[task] }
}
