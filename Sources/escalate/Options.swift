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

    /// The configuration without a model's learned settings (`config --check`).
    func loadConfig() throws -> PriorityConfig {
        try TrainedModel.configuration(learned: nil, modelPath: "", userFile: userConfigFile())
    }

    /// The `--config` file's path and text, if one is given.
    func userConfigFile() throws -> (path: String, text: String)? {
        try config.map { ($0, try DataFile.text($0, limit: DataFile.maxConfigBytes, what: "config file")) }
    }

    func loadResources(_ normalizer: Normalizer) throws -> Resources {
        try Resources.load(from: lexiconSource(), normalizer: normalizer)
    }

    /// The `--model` file, or a classifier trained from the corpus (no learned settings).
    func loadModel(_ normalizer: Normalizer) throws -> TrainedModel {
        if let model { return try ModelFile.loadTrained(path: model) }
        let examples = try LabeledFile.read(corpusSource())
        return TrainedModel(classifier: Training.train(examples, normalizer: normalizer, trainer: ClassifierKinds.startupTrainer()))
    }

    func makeEscalator(threshold: Double?) throws -> Escalator {
        try makeEscalators(count: 1, threshold: threshold)[0]
    }

    func makeEscalators(count: Int, threshold: Double?) throws -> [Escalator] {
        try build(count: count, threshold: threshold).escalators
    }

    /// One escalator per thread, and the model they use. The model is loaded once; each
    /// escalator loads its own lexicons and copies what it reads per word (see `Escalator`).
    /// With several threads the lexicons load while the model does, then the escalators are
    /// built in parallel; with one, everything is done in turn on this thread. The configuration
    /// is the built-in one, the model's learned settings over it, and `--config` over those.
    func build(count: Int, threshold: Double?) throws -> (escalators: [Escalator], model: TrainedModel) {
        let userFile = try userConfigFile()
        // A bad file is reported before the model is loaded (or trained), as it always was.
        if let userFile { _ = try PriorityConfig.load(path: userFile.path, contents: userFile.text) }
        func configuration(_ model: TrainedModel) throws -> PriorityConfig {
            var config = try model.config(path: self.model ?? "<model>", userFile: userFile)
            if let threshold { config.threshold = threshold }
            return config
        }
        let count = max(1, count)
        if count == 1 {
            let model = try loadModel(try Normalizer())
            let config = try configuration(model)
            let normalizer = try Normalizer()
            let resources = try loadResources(normalizer)
            try config.validate(categories: resources.risk.categories)
            return ([Escalator(resources: resources, classifier: model.classifier, config: config, normalizer: normalizer,
                               calibration: model.calibration)], model)
        }
        // Slots 0..<count: each thread's normalizer and lexicons; slot `count`: the model.
        let loadedModel = ThreadSlots<Result<TrainedModel, Error>?>(count: 1, initial: nil)
        let loaded = ThreadSlots<Result<(Normalizer, Resources), Error>?>(count: count, initial: nil)
        DispatchQueue.concurrentPerform(iterations: count + 1) { k in
            if k == count {
                loadedModel.set(0, Result { try loadModel(try Normalizer()) })
            } else {
                loaded.set(k, Result { let normalizer = try Normalizer(); return (normalizer, try loadResources(normalizer)) })
            }
        }
        let model = try loadedModel.value(0)!.get()
        let config0 = try configuration(model)
        for k in 0..<count { _ = try loaded.value(k)!.get() }  // the first failure, if any
        try config0.validate(categories: loaded.value(0)!.get().1.risk.categories)
        let escalators = ThreadSlots<Escalator?>(count: count, initial: nil)
        let languages = LanguageShare()  // other languages, read and built once for every thread
        DispatchQueue.concurrentPerform(iterations: count) { k in
            guard case .success(let (normalizer, resources))? = loaded.value(k) else { return }
            escalators.set(k, Escalator(resources: resources, classifier: model.classifier,
                                        config: k == 0 ? config0 : config0.uniqueCopy(), normalizer: normalizer,
                                        calibration: model.calibration, languages: languages))
        }
        return (escalators.values.map { $0! }, model)
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
