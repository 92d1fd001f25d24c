import ArgumentParser
import EscalationCore
import Foundation

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show how one ticket is read: the text as scored, tokens, per-word sentiment, risk hits, thread, classifier, priority.",
        discussion: """
        For lexicon authors and for answering "why did this ticket escalate?". The argument is the
        ticket's text, or a whole record as JSON (with metadata, a helpdesk's fields or a thread of
        messages); "-" reads it from stdin.

        Examples:
          escalate explain "Great, down again. Third time this week!"
          escalate explain --config tuned.toml "We are not cancelling, we love the product."
          escalate explain '{"text":"Sync fails","comments":[{"body":"Still failing!","incoming":true}]}'
          head -1 tickets.json | escalate explain -
        """)

    @Argument(help: "Ticket text or a JSON record (quote it); - reads stdin.")
    var text: String

    @OptionGroup var pipeline: PipelineOptions

    func run() throws {
        try runGuardingDataErrors {
            let escalator = try pipeline.makeEscalator(threshold: nil)
            let trace = escalator.trace(try ticket())
            let (breakdown, assessment) = (trace.sentiment, trace.assessment)
            print("scored:    " + trace.scored.replacingOccurrences(of: "\n", with: " ⏎ "))
            print("tokens:    " + trace.tokens.tokens.map { $0.isAllCaps ? $0.text.uppercased() : $0.text }.joined(separator: " "))
            print("sentiment: " + zip(breakdown.words, breakdown.valences).filter { $0.1 != 0 }
                .map { "\($0.0) \(String(format: "%+.2f", $0.1))" }.joined(separator: ", ") + "  → compound \(String(format: "%+.4f", breakdown.compound))")
            for hit in trace.evidence.risks {
                let status = hit.exempt ? "exempt" : hit.negated ? "negated" : hit.inQuestion ? "question, ignored" : "counts"
                print("risk:      \(hit.category): \"\(hit.matched)\" (\(status))")
            }
            let language = trace.evidence.language
            print("language:  \(language.code) (lexicons \(language.lexicons.languages.map(\.code.description).joined(separator: ", ")))")
            let impact = trace.evidence.impact
            for hit in impact.hits {
                let status = hit.exempt ? "exempt" : hit.negated ? "negated" : hit.inQuestion ? "question, ignored" : "counts"
                print("impact:    \(hit.category): \"\(hit.matched)\" (\(status))")
            }
            if impact.impact > .single || impact.urgency > .none {
                print("impact:    \(impact.impact.name) × urgency \(impact.urgency.name)"
                      + (impact.problem ? "" : " (not counted: the ticket reports no problem)"))
            }
            if let thread = trace.evidence.thread { print("thread:    " + Self.describe(thread)) }
            if !assessment.stripped.isEmpty { print("stripped:  " + OutputField.strippedCounts(assessment.stripped).map { "\($0.0) \(Int($0.1))" }.joined(separator: ", ")) }
            print("classifier P(escalate) \(String(format: "%.4f", trace.evidence.probability))")
            print("priority \(assessment.priority) \(assessment.level.rawValue) \(assessment.tier) \(assessment.type.rawValue) escalate=\(assessment.escalate)")
            for reason in assessment.reasons { print("  " + reason) }
        }
    }

    /// The argument as a ticket: a JSON record when it is one, else a text.
    func ticket() throws -> Ticket {
        var given = text
        if given == "-" { given = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) }
        let trimmed = given.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("{"), case .object(let pairs)? = try? JSONParser.parse(trimmed) else { return Ticket.cleaned(id: "-", text: given) }
        let mapping = FieldMapping.resolve(keys: FieldMapping.keysAndPaths(pairs))
        do {
            return try TicketDecoder.decode(.object(pairs), mapping: mapping, fallbackID: "-").ticket
        } catch let error as RecordError {
            throw ValidationError("the record cannot be scored: \(error.message)")
        }
    }

    static func describe(_ t: ThreadEvidence) -> String {
        var parts = ["\(t.customerMessages) customer messages",
                     String(format: "sentiment first %+.2f → latest %+.2f", t.firstSentiment, t.lastSentiment),
                     "\(t.followUps) follow-ups since the last agent reply"]
        if !t.repeatTerms.isEmpty { parts.append("repeat contact: " + t.repeatTerms.joined(separator: ", ")) }
        if let hours = t.hoursOpen { parts.append(String(format: "open %.0f h", hours)) }
        if t.resolved { parts.append("resolved by the customer's latest message") }
        return parts.joined(separator: "; ")
    }
}
