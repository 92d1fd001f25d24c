import Foundation

/// A model file's contents: the classifier, and what `train` learned beside it. Files written
/// before learned settings existed have only the classifier, and score exactly as before.
public struct TrainedModel: Sendable {
    public var classifier: any Classifier
    public var combination: LearnedCombination?
    public var card: ModelCard?

    public init(classifier: any Classifier, combination: LearnedCombination? = nil, card: ModelCard? = nil) {
        self.classifier = classifier
        self.combination = combination
        self.card = card
    }

    /// The calibration scoring applies to the classifier's log-odds.
    public var calibration: Calibration { combination?.calibration ?? .identity }

    /// The configuration scoring uses: the built-in one, the learned settings over it, then a
    /// user's file over those (`userFile`: path and text), whose own keys win.
    /// `path` names the model file in errors.
    public func config(path: String, userFile: (path: String, text: String)?) throws -> PriorityConfig {
        try Self.configuration(learned: combination, modelPath: path, userFile: userFile)
    }

    public static func configuration(learned: LearnedCombination?, modelPath: String,
                                     userFile: (path: String, text: String)?) throws -> PriorityConfig {
        var config = try learned?.applied(to: .default, path: modelPath) ?? .default
        if let userFile { try config.apply(ConfigFile(path: userFile.path, contents: userFile.text)) }
        return config
    }

    /// The file's bytes.
    public func encoded() throws -> Data {
        var extra: [String: ModelValue] = [:]
        if let combination {
            let section = CombinationSection(combination)
            extra = section.values
            extra[CombinationSection.checksumKey] = .string(section.checksum)
        }
        if let card { extra.merge(CardSection(card).values) { a, _ in a } }
        return try Self.encode(classifier, extra)
    }

    private static func encode<C: Classifier>(_ classifier: C, _ extra: [String: ModelValue]) throws -> Data {
        try ModelFile.encoded(classifier, extra: extra)
    }

    /// Every member of the sections beside the classifier, by key, for the reader.
    static var memberKinds: [(String, ModelValue.Kind)] {
        CombinationSection.members.map { ($0.key, $0.kind) } + [(CombinationSection.checksumKey, .string)]
            + CardSection.members.map { ($0.key, $0.kind) }
    }

    /// From a file's members: a section is there when its first member is (all of it must be then).
    init(classifier: any Classifier, extra m: [String: ModelValue]) throws {
        self.classifier = classifier
        if m[CombinationSection.members[0].key] != nil {
            let section = try CombinationSection(values: m)
            guard section.version == LearnedCombination.formatVersion else {
                throw ModelFileError("learned settings version \(section.version) are not supported (this build reads version \(LearnedCombination.formatVersion)); retrain with `escalate train`")
            }
            guard case .string(section.checksum)? = m[CombinationSection.checksumKey] else {
                throw ModelFileError("learned settings checksum mismatch or missing: the file was modified or damaged; retrain with `escalate train`")
            }
            combination = try section.combination()
        }
        if m[CardSection.members[0].key] != nil { card = try CardSection.card(m) }
    }
}

/// `LearnedCombination` as stored. Checked: what scoring reads (weights, threshold, levels,
/// calibration); the regression's own numbers are for the reader.
struct CombinationSection: ModelSection {
    static let checksumKey = "combination_checksum"
    var version = 0
    var keys: [String] = []
    var weights: [Double] = []
    var threshold = 0.0
    /// p3_min, p2_min, p1_min.
    var levels: [Double] = []
    var slope = 1.0, calibrationIntercept = 0.0
    /// [low, high], or empty.
    var logOddsRange: [Double] = []
    var intercept = 0.0, coefficients: [Double] = [], probabilityCut = 0.0, l2 = 0.0

    init() {}

    init(_ c: LearnedCombination) {
        version = LearnedCombination.formatVersion
        keys = c.weights.map(\.key)
        weights = c.weights.map(\.weight)
        threshold = c.threshold
        levels = [c.levelMinimums.p3, c.levelMinimums.p2, c.levelMinimums.p1]
        (slope, calibrationIntercept) = (c.calibration.slope, c.calibration.intercept)
        logOddsRange = c.classifierLogOdds.map { [$0.low, $0.high] } ?? []
        (intercept, coefficients, probabilityCut, l2) = (c.intercept, c.coefficients, c.probabilityCut, c.l2)
    }

    static var members: [ModelMember<Self>] {
        [.init("combination_version", \.version), .init("combination_weight_keys", \.keys), .init("combination_weights", \.weights),
         .init("combination_threshold", \.threshold), .init("combination_level_minimums", \.levels),
         .init("calibration_slope", \.slope), .init("calibration_intercept", \.calibrationIntercept),
         .init("combination_classifier_log_odds", \.logOddsRange),
         .init("combination_intercept", \.intercept, checked: false), .init("combination_coefficients", \.coefficients, checked: false),
         .init("combination_probability_cut", \.probabilityCut, checked: false), .init("combination_l2", \.l2, checked: false)]
    }

    /// Values scoring can use; anything else names what is wrong.
    func combination() throws -> LearnedCombination {
        guard keys.count == weights.count, levels.count == 3 else {
            throw ModelFileError("inconsistent learned settings: \(keys.count) weight keys, \(weights.count) weights, \(levels.count) level minimums (expected 3)")
        }
        for key in keys where PriorityConfig.Component(key: key) == nil {
            throw ModelFileError("learned settings name the priority component '\(key)', which this build does not have; retrain with `escalate train`")
        }
        guard logOddsRange.isEmpty || (logOddsRange.count == 2 && logOddsRange.allSatisfy(\.isFinite) && logOddsRange[0] < logOddsRange[1]) else {
            throw ModelFileError("unusable classifier log-odds range \(logOddsRange) (expected [low, high], low < high)")
        }
        guard slope.isFinite, slope >= 0, calibrationIntercept.isFinite else {
            throw ModelFileError("unusable calibration (slope \(slope), intercept \(calibrationIntercept))")
        }
        return LearnedCombination(weights: Array(zip(keys, weights).map { (key: $0, weight: $1) }), threshold: threshold,
                                  levelMinimums: (levels[0], levels[1], levels[2]),
                                  calibration: Calibration(slope: slope, intercept: calibrationIntercept),
                                  classifierLogOdds: logOddsRange.isEmpty ? nil : (logOddsRange[0], logOddsRange[1]),
                                  intercept: intercept, coefficients: coefficients, probabilityCut: probabilityCut, l2: l2)
    }
}

/// `ModelCard` as stored; no member is checked (nothing scored depends on them).
struct CardSection: ModelSection {
    var card = ModelCard()
    var metricNames: [String] = []
    var metricValues: [Double] = []

    init() {}

    init(_ card: ModelCard) {
        self.card = card
        metricNames = card.metrics.map(\.name)
        // JSON has no NaN: an undefined figure is stored as -1 and read back as undefined.
        metricValues = card.metrics.map { $0.value.isFinite ? $0.value : -1 }
    }

    static var members: [ModelMember<Self>] {
        [.init("card_trained_at", \.card.trainedAt, checked: false), .init("card_tickets", \.card.tickets, checked: false),
         .init("card_escalations", \.card.escalations, checked: false), .init("card_options", \.card.options, checked: false),
         .init("card_folds", \.card.folds, checked: false), .init("card_metric_names", \.metricNames, checked: false),
         .init("card_metric_values", \.metricValues, checked: false)]
    }

    /// The card of a file's members.
    static func card(_ m: [String: ModelValue]) throws -> ModelCard {
        let section = try CardSection(values: m)
        var card = section.card
        card.metrics = zip(section.metricNames, section.metricValues).map { (name: $0, value: $1 < 0 ? .nan : $1) }
        return card
    }
}
