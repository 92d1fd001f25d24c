import Foundation

/// The default `Lexicons/` and `Corpora/` files, compiled into the binary so `escalate` runs
/// from anywhere without data folders beside it. The files' contents are generated source
/// (`scripts/embed_data`); `EmbeddedDataTests` checks they equal the checkout's files.
public enum EmbeddedData {
    /// How a file's text is held: as a literal, or as base64 when a literal cannot hold it exactly.
    enum Stored: Sendable {
        case text(String)
        case base64(String)

        var text: String? {
            switch self {
            case .text(let text): return text
            case .base64(let encoded):
                guard let data = Data(base64Encoded: encoded, options: .ignoreUnknownCharacters) else { return nil }
                return String(data: data, encoding: .utf8)
            }
        }
    }

    struct File: Sendable {
        var folder: String
        var name: String
        var stored: Stored
    }

    /// Stands for the folder in messages: `<built-in>/Lexicons/risk.txt:12`.
    public static let root = "<built-in>"

    /// The file names embedded from `folder` ("Lexicons", "Corpora"), sorted.
    public static func names(folder: String) -> [String] {
        files.filter { $0.folder == folder }.map(\.name).sorted()
    }

    /// The contents of `folder/name`, or nil when it was not embedded.
    public static func file(folder: String, name: String) -> String? {
        files.first { $0.folder == folder && $0.name == name }?.stored.text
    }
}
