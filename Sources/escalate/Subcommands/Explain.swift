import ArgumentParser
import EscalationCore
import Foundation

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show how one text is read: tokens, per-word sentiment, risk hits, classifier, priority.",
        discussion: """
        For lexicon authors and for answering "why did this ticket escalate?".

        Examples:
          escalate explain "Great, down again. Third time this week!"
          escalate explain --config tuned.toml "We are not cancelling, we love the product."
        """)

    @Argument(help: "Ticket text (quote it).")
    var text: String

    @OptionGroup var pipeline: PipelineOptions

    func run() throws {
        try runGuardingDataErrors {
            let escalator = try pipeline.makeEscalator(threshold: nil)
            let trace = escalator.trace(Ticket(id: "-", text: text))
            let (breakdown, assessment) = (trace.sentiment, trace.assessment)
            print("tokens:    " + trace.tokens.tokens.map { $0.isAllCaps ? $0.text.uppercased() : $0.text }.joined(separator: " "))
            print("sentiment: " + zip(breakdown.words, breakdown.valences).filter { $0.1 != 0 }
                .map { "\($0.0) \(String(format: "%+.2f", $0.1))" }.joined(separator: ", ") + "  → compound \(String(format: "%+.4f", breakdown.compound))")
            for hit in trace.evidence.risks {
                let status = hit.exempt ? "exempt" : hit.negated ? "negated" : hit.inQuestion ? "question, ignored" : "counts"
                print("risk:      \(hit.category): \"\(hit.matched)\" (\(status))")
            }
            print("classifier P(escalate) \(String(format: "%.4f", trace.evidence.probability))")
            print("priority \(assessment.priority) \(assessment.level.rawValue) \(assessment.tier) \(assessment.type.rawValue) escalate=\(assessment.escalate)")
            for reason in assessment.reasons { print("  " + reason) }
        }
    }
}
