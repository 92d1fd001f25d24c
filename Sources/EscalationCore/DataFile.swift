import Foundation

/// Reads a whole data file (lexicon, config, model, corpus) with a size limit, so a wrong or
/// enormous file is refused with a clear message instead of exhausting memory.
public enum DataFile {
    public static let maxLexiconBytes = 64 << 20
    public static let maxConfigBytes = 1 << 20
    public static let maxModelBytes = 1 << 30
    public static let maxCorpusBytes = 1 << 30

    public static func bytes(_ path: String, limit: Int, what: String) throws -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DataFileError(file: path, message: "\(what) not found")
        }
        guard !isDirectory.boolValue else { throw DataFileError(file: path, message: "\(what) is a directory") }
        let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int ?? 0
        guard size <= limit else {
            throw DataFileError(file: path, message: "\(what) is \(size) bytes, larger than the \(limit)-byte limit; is this the right file?")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DataFileError(file: path, message: "cannot read \(what)")
        }
        return data
    }

    public static func text(_ path: String, limit: Int, what: String) throws -> String {
        let data = try bytes(path, limit: limit, what: what)
        guard let text = String(data: data, encoding: .utf8) else {
            throw DataFileError(file: path, message: "\(what) is not UTF-8 text (binary file?)")
        }
        return text
    }
}
