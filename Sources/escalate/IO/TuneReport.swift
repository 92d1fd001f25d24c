import EscalationCore

/// What `tune` found, as a table or JSON. Every figure of the overall row, and of each
/// account-tier row, comes from the tickets assessed with the tuned config (`final`): what
/// `score --config` does. Rows of another `--by` field with their own threshold are what that
/// threshold would do (a config cannot hold it).
struct TuneResult {
    struct Segment {
        var name: String
        var members: [Int]
        /// The threshold goes into the config (account_tier).
        var writable: Bool
        var own: TunedThreshold?
        /// Why the segment keeps the overall threshold.
        var note: String?
    }

    let objective: Objective
    let records: [LabeledRecord]
    let cases: [TuningCase]
    let final: [Assessment]
    let tuned: TunedConfig
    /// The tuned config as read back from its text.
    let config: PriorityConfig
    let segments: [Segment]
    let by: String?
    let minSegment: Int

    private func finalConfusion(_ members: [Int]) -> Metrics.Confusion {
        Metrics.confusion(scores: members.map { final[$0].escalate ? 1 : 0 }, labels: members.map { records[$0].label }, threshold: 1)
    }

    var overall: Metrics.Confusion { finalConfusion(Array(records.indices)) }

    private func figures(_ s: Segment) -> (threshold: Double, confusion: Metrics.Confusion) {
        if let own = s.own {
            return (TunedConfig.clamp(own.threshold), s.writable ? finalConfusion(s.members) : own.confusion)
        }
        return (tuned.threshold, finalConfusion(s.members))
    }

    private var forced: (tickets: Int, perRule: [(rule: String, tickets: Int)]) { Tuning.forcedByRules(cases) }

    /// Set when a rate:X target is below what the rules alone escalate.
    var unreachableTarget: String? {
        guard case .rate(let target) = objective, let lowest = Tuning.lowestRate(cases), lowest > 100 * target + 1e-9 else { return nil }
        return "the escalation-matrix rules alone escalate \(show(lowest, 1))% of tickets, above the target \(show(100 * target, 1))%: "
            + "\(show(lowest, 1))% is the lowest reachable rate (disable or narrow rules to go lower)"
    }

    private var rulesText: String {
        forced.perRule.map { "\($0.rule) \($0.tickets)" }.joined(separator: ", ")
    }

    func table() -> String {
        var lines = ["objective \(objective)   tickets \(records.count)   labeled escalations \(records.filter(\.label).count)"]
        if forced.tickets > 0 {
            lines.append("rules: \(forced.tickets) of \(records.count) tickets escalate whatever the threshold (\(rulesText))")
        }
        lines.append("segment            n   threshold  precision  recall  F1      rate %")
        lines.append(row("(all)", records.count, tuned.threshold, overall))
        for s in segments {
            let (t, c) = figures(s)
            lines.append(row(s.name, s.members.count, t, c) + (s.note.map { "  (\($0))" } ?? ""))
        }
        if !tuned.levelChanges.isEmpty {
            lines.append("levels: " + tuned.levelChanges.map { "\($0.key) \(TunedConfig.number($0.from)) → \(TunedConfig.number($0.to))" }
                .joined(separator: ", ") + " (P3 starts at the threshold; a P1 or P2 ticket always escalates)")
        }
        if case .rate(let target) = objective, let lowest = Tuning.lowestRate(cases), unreachableTarget != nil {
            lines.append("target \(show(100 * target, 1))% not reachable: the rules alone escalate \(show(lowest, 1))%, the lowest reachable rate")
        }
        return lines.joined(separator: "\n")
    }

    private func row(_ name: String, _ n: Int, _ threshold: Double, _ c: Metrics.Confusion) -> String {
        name.padding(toLength: 14, withPad: " ", startingAt: 0) + ReportTable.pad(n, 6) + "   "
            + show(threshold, 1).padding(toLength: 9, withPad: " ", startingAt: 0) + "  "
            + show(c.precision).padding(toLength: 9, withPad: " ", startingAt: 0) + "  "
            + "\(show(c.recall))  \(show(c.f1))  \(show(c.escalationRate, 1))"
    }

    func json() -> String {
        let v = ReportJSON.value
        func metrics(_ c: Metrics.Confusion) -> [(String, JSONValue)] {
            [("escalated", .number(Double(c.tp + c.fp))), ("escalation_rate", v(c.escalationRate)),
             ("precision", v(c.precision)), ("recall", v(c.recall)), ("f1", .number(c.f1)),
             ("confusion", .object([("tp", .number(Double(c.tp))), ("fp", .number(Double(c.fp))),
                                    ("tn", .number(Double(c.tn))), ("fn", .number(Double(c.fn)))]))]
        }
        var pairs: [(String, JSONValue)] = [
            ("objective", .string(objective.description)), ("tickets", .number(Double(records.count))),
            ("labeled_escalations", .number(Double(records.filter(\.label).count))),
            ("threshold", .number(tuned.threshold)),
            ("thresholds_by_account_tier", .object(tuned.tierThresholds.map { ($0.tier, .number($0.threshold)) })),
        ]
        pairs += metrics(overall)
        pairs += [
            ("rule_forced", .number(Double(forced.tickets))),
            ("rules", .object(forced.perRule.map { ($0.rule, .number(Double($0.tickets))) })),
            ("lowest_reachable_rate", v(Tuning.lowestRate(cases))),
            ("target_reachable", .bool(unreachableTarget == nil)),
            ("levels", .object([Level.p1, .p2, .p3].map { ("\($0.rawValue.lowercased())_min", .number(config.spec($0).minimum)) })),
            ("levels_changed", .object(tuned.levelChanges.map { ($0.key, .object([("from", .number($0.from)), ("to", .number($0.to))])) })),
        ]
        if let by {
            pairs.append(("by", .string(by)))
            pairs.append(("segments", .array(segments.map { s in
                let (t, c) = figures(s)
                let members = s.members.map { cases[$0] }
                return .object([("segment", .string(s.name)), ("n", .number(Double(s.members.count))), ("threshold", .number(t)),
                                ("own_threshold", .bool(s.own != nil)), ("note", s.note.map { .string($0) } ?? .null)]
                               + metrics(c)
                               + [("rule_forced", .number(Double(members.filter(\.forced).count))),
                                  ("lowest_reachable_rate", v(Tuning.lowestRate(members)))])
            })))
        }
        return JSONWriter.encode(.object(pairs))
    }
}
