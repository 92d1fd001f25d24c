import Foundation

/// What `train` learned about combining the evidence: priority weights, the threshold and level
/// minimums that go with them, and the classifier's calibration. Stored in the model file as a
/// section of its own (`combination_*`); a model file without one scores as before.
///
/// The learned numbers are configuration values: `overlay` writes them as config text, laid
/// over the built-in configuration and under a user's `--config` file (whose keys win). So the
/// scoring path is the one every configuration takes, and reasons stay points per component.
public struct LearnedCombination: Sendable, Equatable {
    /// Raised when the members or their meaning change; other versions are refused.
    /// 2: the classifier's log-odds range (`[scales] classifier_log_odds_low`, `_high`).
    public static let formatVersion = 2

    /// Learned `[weights]`, by component key, in component order. Components the training data
    /// never exercised are absent: they keep their configured weight.
    public var weights: [(key: String, weight: Double)]
    /// `[decision] threshold`: the logistic regression's decision boundary in priority points.
    public var threshold: Double
    /// `[levels]` p3_min, p2_min, p1_min, moved with the threshold as `tune` moves them (P3 starts
    /// at the threshold; a P1 or P2 ticket always escalates).
    public var levelMinimums: (p3: Double, p2: Double, p1: Double)
    public var calibration: Calibration
    /// The calibrated log-odds at which the classifier component is 0 and 1 (nil: its probability,
    /// as configured weights read it). See `CombinationLearner.logOddsRange`.
    public var classifierLogOdds: (low: Double, high: Double)?
    /// For the reader: the regression's intercept and coefficients (per key in `weights`), the
    /// probability at which it escalates, and its L2 strength.
    public var intercept: Double, coefficients: [Double], probabilityCut: Double, l2: Double

    public static func == (a: Self, b: Self) -> Bool {
        a.weights.map(\.key) == b.weights.map(\.key) && a.weights.map(\.weight) == b.weights.map(\.weight)
            && a.threshold == b.threshold && a.levelMinimums == b.levelMinimums && a.calibration == b.calibration
            && a.classifierLogOdds?.low == b.classifierLogOdds?.low && a.classifierLogOdds?.high == b.classifierLogOdds?.high
            && a.intercept == b.intercept && a.coefficients == b.coefficients && a.probabilityCut == b.probabilityCut && a.l2 == b.l2
    }

    public init(weights: [(key: String, weight: Double)], threshold: Double, levelMinimums: (p3: Double, p2: Double, p1: Double),
                calibration: Calibration, classifierLogOdds: (low: Double, high: Double)? = nil,
                intercept: Double, coefficients: [Double], probabilityCut: Double, l2: Double) {
        self.weights = weights
        self.threshold = threshold
        self.levelMinimums = levelMinimums
        self.calibration = calibration
        self.classifierLogOdds = classifierLogOdds
        self.intercept = intercept
        self.coefficients = coefficients
        self.probabilityCut = probabilityCut
        self.l2 = l2
    }

    /// The learned keys as config text.
    public var overlay: String {
        var text = "[decision]\nthreshold = \(TunedConfig.number(threshold))\n\n[weights]\n"
        for (key, weight) in weights { text += "\(key) = \(TunedConfig.number(weight))\n" }
        text += "\n[levels]\np3_min = \(TunedConfig.number(levelMinimums.p3))\np2_min = \(TunedConfig.number(levelMinimums.p2))\n"
        text += "p1_min = \(TunedConfig.number(levelMinimums.p1))\n"
        if let range = classifierLogOdds {
            text += "\n[scales]\nclassifier_log_odds_low = \(TunedConfig.number(range.low))\nclassifier_log_odds_high = \(TunedConfig.number(range.high))\n"
        }
        return text
    }

    /// The learned keys, as (section, key) → value.
    var settings: [String: Double] {
        var s = ["decision.threshold": threshold, "levels.p3_min": levelMinimums.p3, "levels.p2_min": levelMinimums.p2,
                 "levels.p1_min": levelMinimums.p1]
        for (key, weight) in weights { s["weights." + key] = weight }
        return s
    }

    /// `base` with the learned keys laid over it; `path` names the model file in any error.
    public func applied(to base: PriorityConfig, path: String) throws -> PriorityConfig {
        var config = base
        try config.apply(ConfigFile(path: path + " (learned settings)", contents: overlay))
        return config
    }

    /// The configuration text `escalate config --model` prints: `text` (the built-in
    /// configuration) with each learned value in place, marked `# learned`, the old value beside it.
    public func annotate(_ text: String, model: String) -> String {
        let settings = settings
        var section = ""
        var out: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            if trimmed.hasPrefix("[") {
                // The log-odds bounds are not in the built-in text: they close its [scales].
                if section == "scales", let r = classifierLogOdds {
                    let lines = ["classifier_log_odds_low = \(TunedConfig.number(r.low))   # learned (configured: unset)",
                                 "classifier_log_odds_high = \(TunedConfig.number(r.high))   # learned (configured: unset)"]
                    out.insert(contentsOf: lines, at: out.last == "" ? out.count - 1 : out.count)
                }
                section = String(trimmed.dropFirst().prefix { $0 != "]" })
            } else if let eq = trimmed.firstIndex(of: "="), !trimmed.hasPrefix("#") {
                let key = String(trimmed[..<eq]).trimmingCharacters(in: .whitespaces)
                if let value = settings[section + "." + key] {
                    let old = trimmed[trimmed.index(after: eq)...].prefix { $0 != "#" }.trimmingCharacters(in: .whitespaces)
                    out.append("\(key) = \(TunedConfig.number(value))   # learned (configured: \(old))")
                    continue
                }
            }
            out.append(String(line))
        }
        let header = """
        # Learned settings from \(model) are in effect, marked `# learned`: weights fitted by
        # L2-regularized logistic regression (λ = \(TunedConfig.number(l2))) on the training tickets, the threshold at its
        # decision boundary (escalate when its P ≥ \(show(probabilityCut))), the levels moved with the threshold.
        # Components without a learned weight were never exercised by the data and keep theirs.
        # A --config file's own keys still override learned ones.
        # The classifier's probability is calibrated (Platt scaling): \(calibration.formula).\(logOddsNote)

        """
        return header + out.joined(separator: "\n")
    }

    /// The header's line on the log-odds range, when there is one.
    private var logOddsNote: String {
        guard classifierLogOdds != nil else { return "" }
        return "\n# The classifier component is its calibrated log-odds placed between [scales] classifier_log_odds_low (0) and _high (1)."
    }

    private func show(_ x: Double) -> String { String(format: "%.4g", x) }
}
