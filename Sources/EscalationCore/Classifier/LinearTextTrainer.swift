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
        let (data, labels, _) = prepared(documents, labels)
        return fit(data, labels, rows: Array(labels.indices), chosen(data, labels))
    }

    /// The documents featurized once, C and the character weight chosen on all of them, then
    /// the classifier on all of them and one on each subset (indices into `documents`) with
    /// those settings, in parallel.
    public func train(_ documents: [[String]], labels: [Bool], andOn subsets: [[Int]]) -> (all: any Classifier, subsets: [any Classifier]) {
        precondition(documents.count == labels.count, "one label per document")
        let (data, sorted, order) = prepared(documents, labels)
        let settings = chosen(data, sorted)
        var position = [Int](repeating: 0, count: order.count)
        for (p, i) in order.enumerated() { position[i] = p }
        let tasks = [Array(sorted.indices)] + subsets.map { $0.map { position[$0] }.sorted() }
        let models = ClassifierSlots(count: tasks.count)
        DispatchQueue.concurrentPerform(iterations: tasks.count) { t in models.set(t, fit(data, sorted, rows: tasks[t], settings)) }
        return (models.value(0), (1..<tasks.count).map(models.value))
    }

    /// The documents featurized in a canonical order (so the input's order changes nothing),
    /// their labels in that order, and each one's index in `documents`.
    private func prepared(_ documents: [[String]], _ labels: [Bool]) -> (LinearTextData, [Bool], [Int]) {
        let order = documents.indices.sorted { a, b in
            let (x, y) = (documents[a], documents[b])
            if x != y { return x.lexicographicallyPrecedes(y) { $0.utf8.lexicographicallyPrecedes($1.utf8) } }
            return !labels[a] && labels[b]
        }
        return (LinearTextData(order.map { documents[$0] }, grams: configuration.grams), order.map { labels[$0] }, order)
    }

    /// C and the character weight: by internal cross-validation when there are enough examples
    /// of each class for its folds, else as configured.
    private func chosen(_ data: LinearTextData, _ labels: [Bool]) -> LinearText.TrainingInfo {
        var info = LinearText.TrainingInfo()
        info.weighting = configuration.weighting.rawValue
        (info.c, info.charWeight) = (configuration.c, configuration.charWeight)
        let classesPerFold = min(labels.filter { $0 }.count, labels.filter { !$0 }.count)
        if configuration.folds >= 2 && classesPerFold >= configuration.folds {
            let choice = crossValidate(data, labels)
            (info.c, info.charWeight, info.folds, info.rocAUC, info.prAUC) = (choice.c, choice.charWeight, configuration.folds, choice.roc, choice.pr)
        }
        return info
    }

    /// The classifier on `rows` of `data` with the chosen settings.
    private func fit(_ data: LinearTextData, _ labels: [Bool], rows: [Int], _ settings: LinearText.TrainingInfo) -> LinearText {
        var info = settings
        (info.trainedOn, info.positives) = (rows.count, rows.filter { labels[$0] }.count)
        let weights = data.featureScales(rows: rows, labels: labels, configuration)
        let (x, compact) = data.rows(weights, charWeight: info.charWeight)
        var lr = SparseLogisticRegression(columns: x.columnCount)
        if info.positives > 0 && info.positives < rows.count { lr.fit(x, labels: labels, rows: rows, c: info.c, tolerance: configuration.tolerance) }
        return data.model(lr, weights, compact, charWeight: info.charWeight, info: info)
    }

    /// The (C, character weight) with the best mean held-out ROC-AUC over the internal folds.
    private func crossValidate(_ data: LinearTextData, _ labels: [Bool]) -> (c: Double, charWeight: Double, roc: Double, pr: Double) {
        let k = configuration.folds, cs = configuration.cs, cws = configuration.charWeights
        let fold = Folds.stratified(labels: labels, k: k)
        // Per fold (the k tasks run in parallel), the held-out figures of each character weight
        // and C. Along the path of C, each fit starts from the one before; the next character
        // weight starts from the first C's solution with the character coefficients rescaled,
        // which gives the same decisions.
        let perFold = FoldFigures(count: k)
        DispatchQueue.concurrentPerform(iterations: k) { f in
            let train = labels.indices.filter { fold[$0] != f }, held = labels.indices.filter { fold[$0] == f }
            let weights = data.featureScales(rows: train, labels: labels, configuration)
            var start: (weights: [Double], intercept: Double, charWeight: Double)?
            var figures: [[(Double, Double)]] = []
            for cw in cws {
                let (x, compact) = data.rows(weights, charWeight: cw)
                var lr = SparseLogisticRegression(columns: x.columnCount)
                if let start {
                    lr.intercept = start.intercept
                    for j in compact.indices where compact[j] >= 0 {
                        let c = Int(compact[j])
                        lr.weights[c] = j >= data.wordColumns ? start.weights[c] * start.charWeight / cw : start.weights[c]
                    }
                }
                figures.append(cs.map { c in
                    lr.fit(x, labels: labels, rows: train, c: c, tolerance: configuration.tolerance)
                    if start == nil { start = (lr.weights, lr.intercept, cw) }
                    let scores = held.map { lr.decision(x, $0) }, truth = held.map { labels[$0] }
                    return (Metrics.rocAUC(scores: scores, labels: truth) ?? 0.5, Metrics.averagePrecision(scores: scores, labels: truth) ?? 0)
                })
            }
            perFold.set(f, figures)
        }
        // results[w][ci][f]
        let results = cws.indices.map { w in cs.indices.map { ci in (0..<k).map { perFold.value($0)[w][ci] } } }
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

/// Each fold's figures (ROC-AUC, PR-AUC per character weight and C), written by the thread that ran it.
private final class FoldFigures: @unchecked Sendable {
    private let lock = NSLock()
    private var figures: [[[(Double, Double)]]]

    init(count: Int) { figures = Array(repeating: [], count: count) }

    func set(_ fold: Int, _ value: [[(Double, Double)]]) { lock.lock(); figures[fold] = value; lock.unlock() }
    func value(_ fold: Int) -> [[(Double, Double)]] { lock.lock(); defer { lock.unlock() }; return figures[fold] }
}
