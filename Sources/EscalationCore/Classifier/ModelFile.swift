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
    func computedChecksum() -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix<T: FixedWidthInteger>(_ value: T) {
            var v = value.littleEndian
            withUnsafeBytes(of: &v) { for b in $0 { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 } }
        }
        mix(alpha.bitPattern); mix(fitPrior ? 1 as UInt8 : 0); mix(Int64(ngramMax))
        for d in documentsPerClass { mix(d.bitPattern) }
        for f in features { for b in f.utf8 { mix(b) }; mix(0 as UInt8) }
        for row in featureCounts { mix(Int64(row.count)); for c in row { mix(c.bitPattern) } }
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

    /// Decodes model bytes; `path` only names the file in errors.
    public static func load(data: Data, path: String) throws -> NaiveBayes {
        // Check the header before trusting the rest, so a wrong file gets a clear message.
        struct Header: Decodable { var format: String?; var version: Int? }
        guard let header = try? JSONDecoder().decode(Header.self, from: data), header.format == formatName else {
            throw DataFileError(file: path, message: "not an escalate model file (expected format \"\(formatName)\"; create one with `escalate train`)")
        }
        guard header.version == currentVersion else {
            throw DataFileError(file: path, message: "model format version \(header.version.map(String.init) ?? "missing") is not supported (this build reads version \(currentVersion)); retrain with `escalate train`")
        }
        let file: ModelFile
        do { file = try JSONDecoder().decode(ModelFile.self, from: data) } catch {
            throw DataFileError(file: path, message: "malformed model file: \(error)")
        }
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
}
