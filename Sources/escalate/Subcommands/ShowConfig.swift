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
          escalate config --model model.json   # the weights, threshold and levels it learned, marked "# learned"
        """)

    @Option(help: ArgumentHelp("Check a configuration file and report its first error.", valueName: "file"), completion: .file(extensions: ["toml"]))
    var check: String?

    @Option(help: ArgumentHelp("Show the configuration in effect with this model: its learned settings in place of the built-in ones.", valueName: "file"), completion: .file(extensions: ["json"]))
    var model: String?

    func validate() throws {
        if check != nil && model != nil { throw ValidationError("--check and --model are separate uses; give one") }
    }

    func run() throws {
        if let model {
            return try runGuardingDataErrors {
                let trained = try ModelFile.loadTrained(path: model)
                guard let learned = trained.combination else {
                    print("# \(model) has no learned settings (trained with --weights configured, or before they existed): the built-in configuration applies.")
                    print(PriorityConfig.defaultText)
                    return
                }
                print(learned.annotate(PriorityConfig.defaultText, model: model))
            }
        }
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
