import Foundation

/// Reads labeled JSONL (`text` + `escalate`/`label`) such as `Corpora/*.jsonl`.
/// Any bad line is an error with FILE:LINE: training data must be clean.
public enum LabeledFile {
    public static func read(path: String) throws -> [(text: String, escalate: Bool)] {
        let data = try DataFile.bytes(path, limit: DataFile.maxCorpusBytes, what: "labeled file")
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

    /// Every `*.jsonl` in a directory, in name order (so training is deterministic).
    public static func readDirectory(_ dir: String) throws -> [(text: String, escalate: Bool)] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else {
            throw DataFileError(file: dir, message: "cannot list corpus directory")
        }
        var all: [(text: String, escalate: Bool)] = []
        for name in names.sorted() where name.hasSuffix(".jsonl") {
            all += try read(path: (dir as NSString).appendingPathComponent(name))
        }
        guard !all.isEmpty else { throw DataFileError(file: dir, message: "no labeled *.jsonl files") }
        return all
    }
}
