/// The languages escalate has lexicons for. English is the base: its files carry no language
/// code (`risk.txt`); every other language's do (`risk.de.txt`). Lexicons/README says how to add one.
public enum Language: Int, CaseIterable, Sendable, Comparable {
    case en, de, fr, es, pt, it, nl

    /// ISO 639-1.
    public var code: StaticString {
        switch self {
        case .en: "en"
        case .de: "de"
        case .fr: "fr"
        case .es: "es"
        case .pt: "pt"
        case .it: "it"
        case .nl: "nl"
        }
    }

    /// The file of one kind for this language: `risk.txt` for English, `risk.de.txt` for German.
    public func fileName(_ kind: String) -> String {
        self == .en ? "\(kind).txt" : "\(kind).\(code).txt"
    }

    public static func < (a: Language, b: Language) -> Bool { a.rawValue < b.rawValue }
}

/// Languages whose lexicons read a ticket, as bits by `Language.rawValue`.
public struct LanguageSet: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public init(_ language: Language) { rawValue = 1 << UInt8(language.rawValue) }

    public static let english = LanguageSet(.en)

    public func contains(_ language: Language) -> Bool { contains(LanguageSet(language)) }

    /// Its languages in `Language` order.
    public var languages: [Language] { Language.allCases.filter { contains($0) } }
}

/// What language detection decided for one ticket.
public struct DetectedLanguage: Sendable, Equatable {
    /// ISO 639-1 ("de"), or "und" when undetermined. A script escalate has no lexicon for still
    /// names its language where the script is unambiguous ("ja", "ko", "el").
    public var code: String { tag.description }
    /// `code`, as a static string: evidence is copied per ticket, and this needs no reference count.
    private var tag: StaticString
    /// The lexicons that read the ticket; the first (`primary`) wins where two disagree on a word.
    public var lexicons: LanguageSet
    public var primary: Language

    public init(code: StaticString, lexicons: LanguageSet, primary: Language) {
        tag = code
        self.lexicons = lexicons
        self.primary = primary
    }

    public static let english = DetectedLanguage(code: "en", lexicons: .english, primary: .en)

    public static func == (a: Self, b: Self) -> Bool {
        a.code == b.code && a.lexicons == b.lexicons && a.primary == b.primary
    }
}
