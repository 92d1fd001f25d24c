import Foundation

/// The data folders escalate ships with.
public enum DataFolder: String, Sendable, CaseIterable {
    case lexicons = "Lexicons"
    case corpora = "Corpora"
}

/// Where a data folder's files are read from: a folder on disk, or the copy built into the binary.
/// Loaders read through this, so the parsing code is the same for both.
public enum DataSource: Sendable, Equatable, CustomStringConvertible {
    case folder(String)
    case builtIn(DataFolder)

    /// `DIR`, or `<built-in>/Lexicons` for the embedded copy.
    public var description: String {
        switch self {
        case .folder(let dir): return dir
        case .builtIn(let folder): return EmbeddedData.root + "/" + folder.rawValue
        }
    }

    /// The name a file goes by in messages (`DIR/risk.txt`, `<built-in>/Lexicons/risk.txt`).
    public func path(_ name: String) -> String {
        (description as NSString).appendingPathComponent(name)
    }

    /// The names of the files ending in `suffix`, sorted (so training is deterministic).
    public func names(endingWith suffix: String) throws -> [String] {
        switch self {
        case .folder(let dir):
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else {
                throw DataFileError(file: dir, message: "cannot list the directory (looking for *\(suffix) files)")
            }
            return names.filter { $0.hasSuffix(suffix) }.sorted()
        case .builtIn(let folder):
            return EmbeddedData.names(folder: folder.rawValue).filter { $0.hasSuffix(suffix) }
        }
    }

    /// A file's text; a folder's file is size-checked and must be UTF-8 (see `DataFile`).
    public func text(_ name: String, limit: Int, what: String) throws -> String {
        switch self {
        case .folder:
            return try DataFile.text(path(name), limit: limit, what: what)
        case .builtIn(let folder):
            guard let text = EmbeddedData.file(folder: folder.rawValue, name: name) else {
                throw DataFileError(file: path(name), message: "\(what) not found")
            }
            return text
        }
    }

    /// A file's bytes; a folder's file is size-checked (see `DataFile`).
    public func bytes(_ name: String, limit: Int, what: String) throws -> Data {
        switch self {
        case .folder: return try DataFile.bytes(path(name), limit: limit, what: what)
        case .builtIn: return try Data(text(name, limit: limit, what: what).utf8)
        }
    }
}

/// Chooses where the `Lexicons/` and `Corpora/` files come from.
public enum DataLocation {
    /// Environment variable naming a folder that holds Lexicons/ and Corpora/.
    public static let environmentKey = "ESCALATE_HOME"

    /// The folder given on the command line (`--lexicons`, `--corpus`), else `$ESCALATE_HOME/<folder>`,
    /// else the copy built into the binary. One predictable default wherever the binary is: a
    /// checkout next to it is not looked for (a test keeps the built-in copy equal to the checkout's).
    public static func source(_ folder: DataFolder, override: String?,
                              environment: [String: String] = ProcessInfo.processInfo.environment) throws -> DataSource {
        if let override { return .folder(override) }
        guard let home = environment[environmentKey], !home.isEmpty else { return .builtIn(folder) }
        let dir = (home as NSString).appendingPathComponent(folder.rawValue)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DataFileError(file: dir, message: "no such folder; \(environmentKey) is set to '\(home)' (unset it to use the built-in data)")
        }
        return .folder(dir)
    }
}
