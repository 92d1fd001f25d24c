/// The other languages' lexicons of one `Resources`, read the first time a ticket needs them.
///
/// Every language's modifiers are read at start-up (their function words detect the language);
/// its sentiment, risk and impact files, most of each language's data, only when a ticket in it
/// arrives: an English queue never pays for them. A folder given with `--lexicons` is read in
/// full at start-up instead (`loadAll`), so an edit's mistake still stops start-up with
/// FILE:LINE; the built-in copy is checked by the tests. One store per scoring thread (it holds
/// that thread's normalizer), so it needs no lock.
public final class LanguageStore: @unchecked Sendable {
    /// The languages the folder has files for, with their modifiers.
    public let modifiers: [(Language, Modifiers)]
    private let load: (Language, Modifiers) throws -> LanguageLexicon
    private var loaded: [Language: LanguageLexicon] = [:]

    init(modifiers: [(Language, Modifiers)], load: @escaping (Language, Modifiers) throws -> LanguageLexicon) {
        self.modifiers = modifiers
        self.load = load
    }

    /// An empty store: English only.
    public convenience init() { self.init(modifiers: [], load: { language, _ in preconditionFailure("no \(language.code) files") }) }

    /// The language's lexicons; nil when the folder has none of its files.
    public func lexicon(_ language: Language) throws -> LanguageLexicon? {
        if let lexicon = loaded[language] { return lexicon }
        guard let m = modifiers.first(where: { $0.0 == language })?.1 else { return nil }
        let lexicon = try load(language, m)
        loaded[language] = lexicon
        return lexicon
    }

    /// Reads every language now (a user's folder: errors at start-up).
    public func loadAll() throws {
        for (language, _) in modifiers { _ = try lexicon(language) }
    }
}
