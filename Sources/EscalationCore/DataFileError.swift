/// A problem in a data file (lexicon, config, model, corpus), located by file and line.
/// Printed in the compiler shape `FILE:LINE: error: message` so editors and CI pick it up.
public struct DataFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String

    public init(file: String, line: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "\(file):\(line): error: \(message)" }
        return "\(file): error: \(message)"
    }
}
