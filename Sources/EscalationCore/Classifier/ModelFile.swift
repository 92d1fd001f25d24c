import Foundation

/// The on-disk model: one JSON object whose header says which classifier it holds (`format`,
/// `version`, fastText's habit) and carries a checksum, beside that classifier's section.
/// Members are written in key order; reading takes them in any order and skips unknown ones.
public enum ModelFile {
    /// The header's members; no section may use these keys.
    public static let formatKey = "format", versionKey = "version", checksumKey = "checksum"

    /// `extra`: members of the sections beside the classifier's (`TrainedModel`).
    public static func encoded<C: Classifier>(_ classifier: C, extra: [String: ModelValue] = [:]) throws -> Data {
        let section = classifier.section
        var members = section.values.merging(extra) { own, _ in own }
        members[formatKey] = .string(C.formatName)
        members[versionKey] = .integer(C.formatVersion)
        members[checksumKey] = .string(section.checksum)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(members)
    }

    public static func load(path: String) throws -> any Classifier {
        try load(data: DataFile.bytes(path, limit: DataFile.maxModelBytes, what: "model file"), path: path)
    }

    /// Decodes model bytes; `path` only names the file in errors. Read with our own JSON parser
    /// (Foundation's JSONDecoder took most of start-up on large models), each member straight
    /// into its kind. The header is judged first, so a wrong file gets a clear message.
    public static func load(data: Data, path: String) throws -> any Classifier {
        try loadTrained(data: data, path: path).classifier
    }

    /// The classifier and the sections beside it (learned settings, model card), if the file has them.
    public static func loadTrained(path: String) throws -> TrainedModel {
        try loadTrained(data: DataFile.bytes(path, limit: DataFile.maxModelBytes, what: "model file"), path: path)
    }

    public static func loadTrained(data: Data, path: String) throws -> TrainedModel {
        let bytes = [UInt8](data)
        let members = Result { try read(bytes) }
        do {
            let kind = try classifierKind(members, bytes)
            let m = try members.get()
            return try TrainedModel(classifier: decode(kind, m), extra: m)
        } catch let error as ModelFileError {
            throw DataFileError(file: path, message: error.message)
        } catch {
            throw DataFileError(file: path, message: "malformed model file: \(error)")
        }
    }

    /// Every member of the header and of any section kind, by key, for the reader.
    static var memberKinds: [String: ModelValue.Kind] {
        var kinds: [String: ModelValue.Kind] = [formatKey: .string, versionKey: .integer, checksumKey: .string]
        for (key, kind) in TrainedModel.memberKinds { kinds[key] = kind }
        for kind in ClassifierKinds.all {
            for (key, memberKind) in kind.memberKinds {
                precondition(kinds[key, default: memberKind] == memberKind, "model-file member '\(key)' has two kinds")
                kinds[key] = memberKind
            }
        }
        return kinds
    }

    /// The known members, each read as its kind (a wrong one names its key); others skipped.
    private static func read(_ bytes: [UInt8]) throws -> [String: ModelValue] {
        let kinds = memberKinds
        var members: [String: ModelValue] = [:]
        try JSONParser.parseObject(bytes) { key, p in
            guard let kind = kinds[key] else { _ = try p.readValue(); return }
            do { members[key] = try kind.read(&p) } catch {
                throw ModelFileError("malformed model file: '\(key)' is not \(kind.description) (\(error))")
            }
        }
        return members
    }

    /// The classifier the header names. When the members could not all be read, the header
    /// comes from a plain parse, so a file of another kind or version is named as such.
    private static func classifierKind(_ members: Result<[String: ModelValue], Error>, _ bytes: [UInt8]) throws -> any Classifier.Type {
        let format: String?, version: Int?, shownVersion: String
        if case .success(let m) = members {
            format = m[formatKey].flatMap(String.init(modelValue:))
            version = m[versionKey].flatMap(Int.init(modelValue:))
            shownVersion = version.map(String.init) ?? "missing"
        } else {
            let value = try? JSONParser.parse(bytes)
            if case .string(let s)? = value?[formatKey] { format = s } else { format = nil }
            if case .number(let n)? = value?[versionKey] { version = Int(exactly: n) } else { version = nil }
            shownVersion = value?[versionKey].map(JSONWriter.encode) ?? "missing"
        }
        let known = ClassifierKinds.all
        guard let format, let kind = known.first(where: { $0.formatName == format }) else {
            let names = known.map { "\"\($0.formatName)\"" }.joined(separator: " or ")
            if let format, format.hasPrefix("escalate-") {
                throw ModelFileError("model format \"\(format)\" is not one this build reads (\(names)); retrain with `escalate train`")
            }
            throw ModelFileError("not an escalate model file (expected format \(names); create one with `escalate train`)")
        }
        guard version == kind.formatVersion else {
            throw ModelFileError("model format version \(shownVersion) is not supported (this build reads version \(kind.formatVersion)); retrain with `escalate train`")
        }
        return kind
    }

    private static func decode<C: Classifier>(_ kind: C.Type, _ members: [String: ModelValue]) throws -> C {
        let section = try C.Section(values: members)
        guard case .string(let checksum)? = members[checksumKey] else {
            throw ModelFileError("malformed model file: missing '\(checksumKey)'")
        }
        guard checksum == section.checksum else {
            throw ModelFileError("model checksum mismatch: the file was modified or damaged; retrain with `escalate train`")
        }
        return try C(section: section)
    }
}

/// A model file this build cannot use; the message follows "FILE: error: ".
public struct ModelFileError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension Classifier {
    static var memberKinds: [(String, ModelValue.Kind)] { Section.members.map { ($0.key, $0.kind) } }
}
