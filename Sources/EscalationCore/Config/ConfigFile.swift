/// A small TOML subset for human-edited configuration: `# comments`, `[section]` or
/// `[section.name]` headers, and `key = value` with numbers, "strings" and true/false.
/// Every entry keeps its line so a bad key or value is reported as FILE:LINE.
public struct ConfigFile: Sendable {
    public enum Value: Sendable, Equatable, CustomStringConvertible {
        case number(Double)
        case string(String)
        case bool(Bool)

        public var description: String {
            switch self {
            case .number(let n): return n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
            case .string(let s): return "\"\(s)\""
            case .bool(let b): return String(b)
            }
        }
    }

    public struct Entry: Sendable {
        public var section: String
        public var key: String
        public var value: Value
        public var line: Int
    }

    public var path: String
    public var entries: [Entry] = []

    public init(path: String, contents: String) throws {
        self.path = path
        var section = ""
        var lineNumber = 0
        for raw in contents.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = Self.stripComment(raw)
            if line.isEmpty { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]"), line.count > 2 else {
                    throw DataFileError(file: path, line: lineNumber, message: "malformed section header '\(line)'")
                }
                section = Self.trim(line.dropFirst().dropLast())
                continue
            }
            guard let eq = line.firstIndex(of: "=") else {
                throw DataFileError(file: path, line: lineNumber, message: "expected 'key = value', got '\(line)'")
            }
            let key = Self.trim(line[..<eq])
            let rawValue = Self.trim(line[line.index(after: eq)...])
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                throw DataFileError(file: path, line: lineNumber, message: "bad key '\(key)'")
            }
            guard let value = Self.parseValue(rawValue) else {
                throw DataFileError(file: path, line: lineNumber, message: "bad value for '\(key)': \(rawValue) (expected a number, \"string\", true or false)")
            }
            entries.append(Entry(section: section, key: key, value: value, line: lineNumber))
        }
    }

    public func error(_ entry: Entry, _ message: String) -> DataFileError {
        DataFileError(file: path, line: entry.line, message: message)
    }

    private static func parseValue(_ raw: String) -> Value? {
        if raw == "true" { return .bool(true) }
        if raw == "false" { return .bool(false) }
        if raw.count >= 2 && raw.hasPrefix("\"") && raw.hasSuffix("\"") {
            let inner = raw.dropFirst().dropLast()
            return inner.contains("\"") ? nil : .string(String(inner))
        }
        if let n = Double(raw.replacingOccurrences(of: "_", with: "")), n.isFinite { return .number(n) }
        return nil
    }

    /// Comments start at `#` outside a string.
    private static func stripComment(_ line: Substring) -> String {
        var inString = false
        var end = line.endIndex
        for i in line.indices {
            if line[i] == "\"" { inString.toggle() }
            if line[i] == "#" && !inString { end = i; break }
        }
        return trim(line[..<end])
    }

    private static func trim(_ s: Substring) -> String {
        var t = s
        while let f = t.first, f.isWhitespace { t = t.dropFirst() }
        while let l = t.last, l.isWhitespace { t = t.dropLast() }
        return String(t)
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
