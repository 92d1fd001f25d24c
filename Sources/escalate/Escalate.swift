import ArgumentParser

@main
struct Escalate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "escalate",
        abstract: "Spot support tickets that need escalation: priority, level, tier and why.",
        discussion: """
        Examples:
          escalate score samples/tickets.jsonl --output table
          tail -f tickets.jsonl | escalate score
          escalate train Corpora/*.jsonl --output model.json
          escalate config > my-config.toml
        """,
        subcommands: [Score.self, Train.self, Eval.self, Tune.self, Explain.self, Fields.self, ShowConfig.self],
        defaultSubcommand: Score.self)
}
