import Foundation

/// Reads labeled JSONL (`text` + `escalate`/`label`) such as `Corpora/*.jsonl`.
/// Any bad line is an error with FILE:LINE: training data must be clean.
public enum LabeledFile {
    public static func read(path: String) throws -> [(text: String, escalate: Bool)] {
        try parse(DataFile.bytes(path, limit: DataFile.maxCorpusBytes, what: "labeled file"), path: path)
    }

    /// Every `*.jsonl` of a folder or of the built-in corpus, in name order (so training is deterministic).
    public static func read(_ source: DataSource) throws -> [(text: String, escalate: Bool)] {
        var all: [(text: String, escalate: Bool)] = []
        for name in try source.names(endingWith: ".jsonl") {
            all += try parse(source.bytes(name, limit: DataFile.maxCorpusBytes, what: "labeled file"), path: source.path(name))
        }
        guard !all.isEmpty else { throw DataFileError(file: source.description, message: "no labeled *.jsonl files") }
        return all
    }

    /// Every `*.jsonl` in a directory, in name order.
    public static func readDirectory(_ dir: String) throws -> [(text: String, escalate: Bool)] {
        try read(.folder(dir))
    }

    private static func parse(_ data: Data, path: String) throws -> [(text: String, escalate: Bool)] {
        var examples: [(text: String, escalate: Bool)] = []
        var lineNumber = 0
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            do {
                let decoded = try TicketDecoder.decode(JSONParser.parse(Array(line)), fallbackID: String(lineNumber))
                guard let label = try decoded.label() else { throw RecordError("missing label ('escalate' or 'label')") }
                examples.append((decoded.ticket.text, label))
            } catch {
                throw DataFileError(file: path, line: lineNumber, message: "\(error)")
            }
        }
        return examples
    }
}
