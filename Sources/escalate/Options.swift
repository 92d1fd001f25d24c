import Dispatch
import ArgumentParser
import EscalationCore
import Foundation

/// Where the model, configuration and lexicons come from; shared by every subcommand.
struct PipelineOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Model file written by `escalate train`. Default: train from the corpus (--corpus) at start-up.", valueName: "file"), completion: .file(extensions: ["json"]))
    var model: String?

    @Option(name: .long, help: ArgumentHelp("Configuration file overriding the built-in one (see `escalate config`).", valueName: "file"), completion: .file(extensions: ["toml"]))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("Folder with the lexicon files. Default: $ESCALATE_HOME/Lexicons when ESCALATE_HOME is set, else the copy of Lexicons/ built into escalate.", valueName: "dir"), completion: .directory)
    var lexicons: String?

    @Option(name: .long, help: ArgumentHelp("Folder of labeled *.jsonl used when no --model is given. Default: $ESCALATE_HOME/Corpora when ESCALATE_HOME is set, else the copy of Corpora/ built into escalate.", valueName: "dir"), completion: .directory)
    var corpus: String?

    func lexiconSource() throws -> DataSource { try DataLocation.source(.lexicons, override: lexicons) }

    func corpusSource() throws -> DataSource { try DataLocation.source(.corpora, override: corpus) }

    func loadConfig() throws -> PriorityConfig {
        guard let path = config else { return .default }
        return try PriorityConfig.load(path: path, contents: DataFile.text(path, limit: DataFile.maxConfigBytes, what: "config file"))
    }

    func loadResources(_ normalizer: Normalizer) throws -> Resources {
        try Resources.load(from: lexiconSource(), normalizer: normalizer)
    }

    func loadClassifier(_ normalizer: Normalizer) throws -> any Classifier {
        if let model { return try ModelFile.load(path: model) }
        let examples = try LabeledFile.read(corpusSource())
        return Training.train(examples, normalizer: normalizer, trainer: ClassifierKinds.startupTrainer())
    }

    func makeEscalator(threshold: Double?) throws -> Escalator {
        try makeEscalators(count: 1, threshold: threshold)[0]
    }

    /// One escalator per thread. The model and config are loaded once; each escalator loads its
    /// own lexicons and copies what it reads per word (see `Escalator`). With several threads the
    /// lexicons load while the model does, then the escalators are built in parallel; with one,
    /// everything is done in turn on this thread.
    func makeEscalators(count: Int, threshold: Double?) throws -> [Escalator] {
        var config = try loadConfig()
        if let threshold { config.threshold = threshold }
        let config0 = config
        let count = max(1, count)
        if count == 1 {
            let classifier = try loadClassifier(try Normalizer())
            let normalizer = try Normalizer()
            let resources = try loadResources(normalizer)
            try config0.validate(categories: resources.risk.categories)
            return [Escalator(resources: resources, classifier: classifier, config: config0, normalizer: normalizer)]
        }
        // Slots 0..<count: each thread's normalizer and lexicons; slot `count`: the classifier.
        let classifier = ThreadSlots<Result<any Classifier, Error>?>(count: 1, initial: nil)
        let loaded = ThreadSlots<Result<(Normalizer, Resources), Error>?>(count: count, initial: nil)
        DispatchQueue.concurrentPerform(iterations: count + 1) { k in
            if k == count {
                classifier.set(0, Result { try loadClassifier(try Normalizer()) })
            } else {
                loaded.set(k, Result { let normalizer = try Normalizer(); return (normalizer, try loadResources(normalizer)) })
            }
        }
        let model = try classifier.value(0)!.get()
        for k in 0..<count { _ = try loaded.value(k)!.get() }  // the first failure, if any
        try config0.validate(categories: loaded.value(0)!.get().1.risk.categories)
        let escalators = ThreadSlots<Escalator?>(count: count, initial: nil)
        DispatchQueue.concurrentPerform(iterations: count) { k in
            guard case .success(let (normalizer, resources))? = loaded.value(k) else { return }
            escalators.set(k, Escalator(resources: resources, classifier: model,
                                        config: k == 0 ? config0 : config0.uniqueCopy(), normalizer: normalizer))
        }
        return escalators.values.map { $0! }
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
