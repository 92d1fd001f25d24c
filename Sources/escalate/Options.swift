import Dispatch
import ArgumentParser
import EscalationCore
import Foundation

/// Where the model, configuration and lexicons come from; shared by every subcommand.
struct PipelineOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Model file written by `escalate train`. Default: train from Corpora/ at start-up.", valueName: "file"))
    var model: String?

    @Option(name: .long, help: ArgumentHelp("Configuration file overriding the built-in one (see `escalate config`).", valueName: "file"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("Folder with the lexicon files. Default: Lexicons/ of the escalate checkout or $ESCALATE_HOME.", valueName: "dir"))
    var lexicons: String?

    @Option(name: .long, help: ArgumentHelp("Folder of labeled *.jsonl used when no --model is given. Default: Corpora/.", valueName: "dir"))
    var corpus: String?

    func homeFolder(_ name: String) throws -> String {
        guard let home = DataLocation.home() else {
            throw SetupError("cannot find the \(name)/ folder; pass --\(name.lowercased()) or set \(DataLocation.environmentKey) to the escalate checkout")
        }
        return (home as NSString).appendingPathComponent(name)
    }

    func loadConfig() throws -> PriorityConfig {
        guard let path = config else { return .default }
        return try PriorityConfig.load(path: path, contents: DataFile.text(path, limit: DataFile.maxConfigBytes, what: "config file"))
    }

    func loadResources(_ normalizer: Normalizer) throws -> Resources {
        try Resources.load(lexicons: lexicons ?? homeFolder("Lexicons"), normalizer: normalizer)
    }

    func loadClassifier(_ normalizer: Normalizer) throws -> NaiveBayes {
        if let model { return try ModelFile.load(path: model) }
        let examples = try LabeledFile.readDirectory(corpus ?? homeFolder("Corpora"))
        return Training.train(examples, normalizer: normalizer)
    }

    func makeEscalator(threshold: Double?) throws -> Escalator {
        try makeEscalators(count: 1, threshold: threshold)[0]
    }

    /// One escalator per thread, built in parallel. The model and config are loaded once; each
    /// escalator loads its own lexicons and copies what it reads per word (see `Escalator`).
    func makeEscalators(count: Int, threshold: Double?) throws -> [Escalator] {
        var config = try loadConfig()
        if let threshold { config.threshold = threshold }
        let classifier = try loadClassifier(try Normalizer())
        let slots = ThreadSlots<Result<Escalator, Error>?>(count: max(1, count), initial: nil)
        let config0 = config
        DispatchQueue.concurrentPerform(iterations: slots.count) { k in
            slots.set(k, Result {
                let normalizer = try Normalizer()
                return Escalator(resources: try loadResources(normalizer), classifier: classifier,
                                 config: k == 0 ? config0 : config0.uniqueCopy(), normalizer: normalizer)
            })
        }
        return try slots.values.map { try $0!.get() }
    }
}

struct SetupError: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = "error: " + message }
}

/// Bad data files and set-up problems exit 65 after one clear line on stderr.
func runGuardingDataErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as DataFileError {
        Diagnostics.emit(error.description)
        throw ExitCode(65)
    } catch let error as SetupError {
        Diagnostics.emit(error.description)
        throw ExitCode(65)
    } catch let error as NormalizerError {
        Diagnostics.emit("error: \(error)")
        throw ExitCode(65)
    }
}
