import ArgumentParser
import EscalationCore

struct ShowConfig: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Print the built-in configuration (weights, levels, routing, escalation matrix).",
        discussion: """
        Examples:
          escalate config > my-config.toml     # edit, then: escalate score --config my-config.toml
          escalate config --check my-config.toml
        """)

    @Option(help: ArgumentHelp("Check a configuration file and report its first error.", valueName: "file"), completion: .file(extensions: ["toml"]))
    var check: String?

    func run() throws {
        guard let check else {
            print(PriorityConfig.defaultText)
            return
        }
        try runGuardingDataErrors {
            let options = try PipelineOptions.parse(["--config", check])
            let config = try options.loadConfig()
            // Risk categories are checked against the lexicons scoring would use ($ESCALATE_HOME's or the built-in ones).
            try config.validate(categories: options.loadResources(try Normalizer()).risk.categories)
            print("\(check): ok")
        }
    }
}
