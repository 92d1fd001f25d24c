import Foundation

/// `escalate train` as a whole: the classifier on every ticket; then, out of fold, what the
/// combination learns from and what the model card reports.
///
/// Out of fold: each ticket's evidence comes from a classifier trained on the other K−1 folds
/// (stratified, as `eval --folds` splits), so the classifier's weight and calibration are
/// learned from probabilities like those it gives new tickets, not from its fit to its own
/// training tickets (which would make it look nearly perfect and take all the weight).
public enum CombinationTraining {
    public struct Options: Sendable {
        public var folds: Int
        /// False: the model keeps the configured weights (the card is still written).
        public var learnWeights: Bool
        public var l2: Double
        /// The options as the card states them.
        public var description: String

        public init(folds: Int = 5, learnWeights: Bool = true, l2: Double = CombinationLearner.defaultL2, description: String) {
            self.folds = folds
            self.learnWeights = learnWeights
            self.l2 = l2
            self.description = description
        }
    }

    public struct Result: Sendable {
        public var model: TrainedModel
        /// Why no weights were learned, when they were asked for and none were.
        public var note: String?
    }

    /// `base` defines the component values (scales, tiers, risk weights) the combination sees.
    /// The out-of-fold classifiers are trained with the settings `trainer` chooses on all the
    /// tickets, so their log-odds are on the scale of the classifier that is kept.
    public static func train(tickets: [Ticket], labels: [Bool], resources: Resources, normalizer: Normalizer,
                             base: PriorityConfig, trainer: any ClassifierTrainer, options: Options) -> Result {
        // The tokens the classifier reads when it scores (`Classifier.tokens(of:)`).
        let words = tickets.map { ticket in
            let text = normalizer.normalize(ticket.text)
            return trainer.readsMarks ? text.wordsAndMarks : text.words
        }
        var card = ModelCard()
        card.trainedAt = ModelCard.timestamp()
        card.tickets = tickets.count
        card.escalations = labels.filter { $0 }.count
        card.options = options.description
        let smaller = min(card.escalations, tickets.count - card.escalations)
        // Every fold's training part needs both classes; a class of one ticket cannot give that.
        guard options.folds >= 2, smaller >= 2 else {
            var model = TrainedModel(classifier: trainer.train(words, labels: labels))
            let note = "too few tickets of one class (\(smaller)) to cross-validate: no figures" + (options.learnWeights ? ", weights not learned" : "")
            card.options += "; " + note
            model.card = card
            return Result(model: model, note: options.learnWeights ? note : nil)
        }
        let k = min(options.folds, smaller)
        card.folds = k
        let fold = Folds.stratified(labels: labels, k: k)
        // The kept classifier and the k out-of-fold ones (in parallel).
        let classifiers = trainer.train(words, labels: labels, andOn: (0..<k).map { f in tickets.indices.filter { fold[$0] != f } })
        var model = TrainedModel(classifier: classifiers.all)
        var evidence = [Evidence?](repeating: nil, count: tickets.count)
        for f in 0..<k {
            let classifier = classifiers.subsets[f]
            let escalator = Escalator(resources: resources, classifier: classifier, config: base, normalizer: normalizer)
            for i in tickets.indices where fold[i] == f { evidence[i] = escalator.evidence(for: tickets[i]) }
        }
        let rows = zip(evidence, labels).map { CombinationRow(evidence: $0!, label: $1) }
        // Ranked by log-odds: the same order as the probability, without its ties at 0 and 1.
        card.add("probability", scores: rows.map(\.logOdds), labels: labels)
        let (configured, learned) = CombinationLearner.crossValidated(rows, fold: fold, k: k, base: base, l2: options.l2)
        card.add("priority_configured", scores: configured, labels: labels)
        var note: String?
        if options.learnWeights {
            card.add("priority_learned", scores: learned, labels: labels)
            model.combination = CombinationLearner.fit(rows, base: base, l2: options.l2)
            if model.combination == nil { note = "no component predicts the labels: weights not learned" }
        }
        model.card = card
        return Result(model: model, note: note)
    }
}
