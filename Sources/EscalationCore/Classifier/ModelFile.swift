import Foundation

/// The on-disk model: a format tag and version first (fastText's habit), then the counts.
public struct ModelFile: Codable, Sendable {
    public static let formatName = "escalate-naive-bayes"
    public static let currentVersion = 2  // 2: checksum added

    public var format: String
    public var version: Int
    public var alpha: Double
    public var fitPrior: Bool
    public var ngramMax: Int
    public var trainedOn: Int
    public var documentsPerClass: [Double]
    public var features: [String]
    public var featureCounts: [[Double]]
    /// FNV-1a 64 of the parameters and counts, hex: a changed or damaged file is refused.
    public var checksum: String

    enum CodingKeys: String, CodingKey {
        case format, version, alpha
        case fitPrior = "fit_prior"
        case ngramMax = "ngram_max"
        case trainedOn = "trained_on"
        case documentsPerClass = "documents_per_class"
        case features
        case featureCounts = "feature_counts"
        case checksum
    }

    public init(model: NaiveBayes, ngramMax: Int = 2) {
        format = Self.formatName
        version = Self.currentVersion
        alpha = model.configuration.alpha
        fitPrior = model.configuration.fitPrior
        self.ngramMax = ngramMax
        trainedOn = Int(model.documentsPerClass.reduce(0, +))
        documentsPerClass = model.documentsPerClass
        features = model.featureNames
        featureCounts = model.featureCounts
        checksum = ""
        checksum = computedChecksum()
    }

    /// Over everything that determines predictions, in a fixed order.
    /// FNV-1a over the bytes of each value, little-endian (a 90k-feature model hashes ~2 MB at
    /// every start-up, hence plain loops rather than a generic byte view per value).
    func computedChecksum() -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ byte: UInt8) { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        func mix64(_ value: UInt64) {
            var v = value
            for _ in 0..<8 { mix(UInt8(truncatingIfNeeded: v)); v >>= 8 }
        }
        mix64(alpha.bitPattern); mix(fitPrior ? 1 : 0); mix64(UInt64(bitPattern: Int64(ngramMax)))
        for d in documentsPerClass { mix64(d.bitPattern) }
        for f in features {
            var f = f
            f.withUTF8 { for b in $0 { mix(b) } }
            mix(0)
        }
        for row in featureCounts { mix64(UInt64(bitPattern: Int64(row.count))); for c in row { mix64(c.bitPattern) } }
        return String(hash, radix: 16)
    }

    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(self)
    }

    public static func load(path: String) throws -> NaiveBayes {
        try load(data: DataFile.bytes(path, limit: DataFile.maxModelBytes, what: "model file"), path: path)
    }

    /// Decodes model bytes; `path` only names the file in errors. Read with our own JSON parser
    /// (Foundation's JSONDecoder took most of start-up on large models): a well-formed file
    /// straight into arrays; anything else through a `JSONValue`, which says what is wrong.
    public static func load(data: Data, path: String) throws -> NaiveBayes {
        let bytes = [UInt8](data)
        if let file = try? ModelFile(reading: bytes), file.format == formatName, file.version == currentVersion {
            return try model(from: file, path: path)
        }
        // Check the header before trusting the rest, so a wrong file gets a clear message.
        guard let value = try? JSONParser.parse(bytes), case .string(formatName)? = value["format"] else {
            throw DataFileError(file: path, message: "not an escalate model file (expected format \"\(formatName)\"; create one with `escalate train`)")
        }
        guard case .number(let version)? = value["version"], version == Double(currentVersion) else {
            let shown = value["version"].map(JSONWriter.encode) ?? "missing"
            throw DataFileError(file: path, message: "model format version \(shown) is not supported (this build reads version \(currentVersion)); retrain with `escalate train`")
        }
        let file: ModelFile
        do { file = try ModelFile(value) } catch {
            throw DataFileError(file: path, message: "malformed model file: \(error)")
        }
        return try model(from: file, path: path)
    }

    private static func model(from file: ModelFile, path: String) throws -> NaiveBayes {
        guard file.checksum == file.computedChecksum() else {
            throw DataFileError(file: path, message: "model checksum mismatch: the file was modified or damaged; retrain with `escalate train`")
        }
        guard file.ngramMax == 2, file.alpha > 0, file.alpha.isFinite else {
            throw DataFileError(file: path, message: "unsupported model parameters (ngram_max \(file.ngramMax), alpha \(file.alpha))")
        }
        do {
            return try NaiveBayes(configuration: .init(alpha: file.alpha, fitPrior: file.fitPrior),
                                  documentsPerClass: file.documentsPerClass,
                                  featureNames: file.features, featureCounts: file.featureCounts)
        } catch {
            throw DataFileError(file: path, message: "inconsistent model file: \(error)")
        }
    }

    /// A well-formed file read member by member into the fields; throws on anything unexpected
    /// (a missing field included), for `load` to explain.
    private init(reading bytes: [UInt8]) throws {
        var format: String?, version: Int?, alpha: Double?, fitPrior: Bool?, ngramMax: Int?, trainedOn: Int?
        var documentsPerClass: [Double]?, features: [String]?, featureCounts: [[Double]]?, checksum: String?
        func integer(_ p: inout JSONParser) throws -> Int {
            guard let n = Int(exactly: try p.readNumber()) else { throw RecordError("not an integer") }
            return n
        }
        try JSONParser.parseObject(bytes) { key, p in
            switch CodingKeys(rawValue: key) {
            case .format?: format = try p.readString()
            case .version?: version = try integer(&p)
            case .alpha?: alpha = try p.readNumber()
            case .fitPrior?:
                guard case .bool(let b) = try p.readValue() else { throw RecordError("not a boolean") }
                fitPrior = b
            case .ngramMax?: ngramMax = try integer(&p)
            case .trainedOn?: trainedOn = try integer(&p)
            case .documentsPerClass?: documentsPerClass = try p.readArray { try $0.readNumber() }
            case .features?: features = try p.readArray { try $0.readString() }
            case .featureCounts?: featureCounts = try p.readArray { try $0.readArray { try $0.readNumber() } }
            case .checksum?: checksum = try p.readString()
            case nil: _ = try p.readValue()
            }
        }
        guard let format, let version, let alpha, let fitPrior, let ngramMax, let trainedOn,
              let documentsPerClass, let features, let featureCounts, let checksum else { throw RecordError("missing field") }
        (self.format, self.version, self.alpha, self.fitPrior, self.ngramMax, self.trainedOn) = (format, version, alpha, fitPrior, ngramMax, trainedOn)
        (self.documentsPerClass, self.features, self.featureCounts, self.checksum) = (documentsPerClass, features, featureCounts, checksum)
    }

    /// The fields from a parsed file; a missing or mistyped one names its key.
    private init(_ value: JSONValue) throws {
        func field(_ key: CodingKeys) throws -> JSONValue {
            guard let v = value[key.rawValue] else { throw RecordError("missing '\(key.rawValue)'") }
            return v
        }
        func number(_ key: CodingKeys) throws -> Double {
            guard case .number(let n) = try field(key) else { throw RecordError("'\(key.rawValue)' is not a number") }
            return n
        }
        func integer(_ key: CodingKeys) throws -> Int {
            guard let n = Int(exactly: try number(key)) else { throw RecordError("'\(key.rawValue)' is not an integer") }
            return n
        }
        func numbers(_ v: JSONValue, _ key: CodingKeys) throws -> [Double] {
            guard case .array(let items) = v else { throw RecordError("'\(key.rawValue)' is not an array") }
            return try items.map {
                guard case .number(let n) = $0 else { throw RecordError("'\(key.rawValue)' holds a non-number") }
                return n
            }
        }
        guard case .string(let format) = try field(.format), case .bool(let fitPrior) = try field(.fitPrior),
              case .string(let checksum) = try field(.checksum) else {
            throw RecordError("'format', 'fit_prior' or 'checksum' has the wrong type")
        }
        self.format = format
        self.fitPrior = fitPrior
        self.checksum = checksum
        version = try integer(.version)
        alpha = try number(.alpha)
        ngramMax = try integer(.ngramMax)
        trainedOn = try integer(.trainedOn)
        documentsPerClass = try numbers(try field(.documentsPerClass), .documentsPerClass)
        guard case .array(let names) = try field(.features) else { throw RecordError("'features' is not an array") }
        features = try names.map {
            guard case .string(let s) = $0 else { throw RecordError("'features' holds a non-string") }
            return s
        }
        guard case .array(let rows) = try field(.featureCounts) else { throw RecordError("'feature_counts' is not an array") }
        featureCounts = try rows.map { try numbers($0, .featureCounts) }
    }
}
