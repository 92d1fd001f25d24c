import EscalationCore
import Foundation
import XCTest

final class ModelFileTests: XCTestCase {
    let dir: URL = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("model-\(UUID())")
        try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }()

    func load(_ text: String) throws -> any Classifier { try ModelFile.load(data: Data(text.utf8), path: "m.json") }

    func assertRefused(_ text: String, _ message: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try load(text), file: file, line: line) {
            XCTAssertTrue("\($0)".hasPrefix("m.json: error: " + message), "\($0)", file: file, line: line)
        }
    }

    func tinyModel() throws -> NaiveBayes {
        try NaiveBayes(configuration: .init(alpha: 0.5), documentsPerClass: [1, 1],
                       featureNames: ["down", "thanks"], featureCounts: [[0, 1], [1, 0]])
    }

    /// The exact bytes `train` writes: members in key order, integral numbers without ".0", and
    /// the checksum of the old three-times-written schema (computed independently in Python).
    func testWrittenBytes() throws {
        let text = String(decoding: try ModelFile.encoded(tinyModel()), as: UTF8.self)
        XCTAssertEqual(text, #"{"alpha":0.5,"checksum":"5485519cb80031e2","documents_per_class":[1,1],"feature_counts":[[0,1],[1,0]],"#
                           + #""features":["down","thanks"],"fit_prior":true,"format":"escalate-naive-bayes","ngram_max":2,"trained_on":2,"version":2}"#)
    }

    func testRoundTripInAnyMemberOrder() throws {
        var model = NaiveBayes(configuration: .init(alpha: 0.5))
        model.fit([Features.counts(["site", "down"]), Features.counts(["thanks"])], labels: [true, false])
        let path = dir.appendingPathComponent("m.json").path
        try ModelFile.encoded(model).write(to: URL(fileURLWithPath: path))
        let loaded = try ModelFile.load(path: path)
        XCTAssertTrue(loaded is NaiveBayes)
        XCTAssertEqual(loaded.probability(words: ["site", "down"]), model.probability(words: ["site", "down"]), accuracy: 1e-15)

        // Members in another order, spaced out, with one this build does not know: the same model.
        let same = try load(reordered(model, adding: [("comment", .string("hand-edited"))]))
        XCTAssertEqual((same as? NaiveBayes)?.featureNames, model.featureNames)
        XCTAssertEqual(same.probability(words: ["site", "down", "thanks"]), model.probability(words: ["site", "down", "thanks"]), accuracy: 1e-15)
    }

    /// The model's members reversed and spaced out, plus `extra`.
    func reordered(_ model: some Classifier, adding extra: [(String, JSONValue)] = [], dropping dropped: String? = nil) throws -> String {
        guard case .object(let members)? = try? JSONParser.parse([UInt8](try ModelFile.encoded(model))) else { throw RecordError("not an object") }
        return "{\n  " + (members.reversed().filter { $0.0 != dropped } + extra)
            .map { "\(JSONWriter.quoted($0.0)) : \(JSONWriter.encode($0.1))" }.joined(separator: " ,\n  ") + "\n}\n"
    }

    func testLinearModelRefusesRepeatedFeaturesAndBuckets() {
        func model(_ features: [String], _ buckets: [Int]) throws -> LinearText {
            try LinearText(grams: CharGrams(), intercept: 0, features: features, featureWeights: features.map { _ in 1 },
                           featureNorms: features.map { _ in 1 }, buckets: buckets, bucketWeights: buckets.map { _ in 1 },
                           bucketNorms: buckets.map { _ in 1 }, info: .init())
        }
        XCTAssertNoThrow(try model(["down", "up", "down up"], [5, 7]))
        XCTAssertThrowsError(try model(["down", "up", "down"], [])) { XCTAssertEqual("\($0)", "inconsistent model file: feature 'down' appears twice") }
        XCTAssertThrowsError(try model([], [5, 7, 5])) { XCTAssertEqual("\($0)", "inconsistent model file: bucket 5 is out of range or twice") }
        XCTAssertThrowsError(try model([], [1 << 18])) { XCTAssertEqual("\($0)", "inconsistent model file: bucket 262144 is out of range or twice") }
    }

    func testRefusals() throws {
        let good = try reordered(tinyModel())
        // A member of the wrong kind, or missing, is named.
        assertRefused(good.replacingOccurrences(of: "\"feature_counts\" : [[", with: "\"feature_counts\" : [[\"x\","),
                      "malformed model file: 'feature_counts' is not an array of arrays of numbers")
        assertRefused(good.replacingOccurrences(of: "\"fit_prior\" : true", with: "\"fit_prior\" : 1"),
                      "malformed model file: 'fit_prior' is not a boolean")
        assertRefused(try reordered(tinyModel(), dropping: "alpha"), "malformed model file: missing 'alpha'")
        assertRefused(try reordered(tinyModel(), dropping: "checksum"), "malformed model file: missing 'checksum'")
        // A changed value.
        assertRefused(good.replacingOccurrences(of: "\"alpha\" : 0.5", with: "\"alpha\" : 0.25"), "model checksum mismatch")
        assertRefused(#"{"format":"escalate-naive-bayes","version":99}"#, "model format version 99 is not supported")
        assertRefused(#"{"format":"escalate-naive-bayes","version":"2"}"#, #"model format version "2" is not supported"#)
        // Another classifier's file, another program's file, no JSON at all.
        assertRefused(#"{"format":"escalate-complement-nb","version":1,"features":[]}"#,
                      #"model format "escalate-complement-nb" is not one this build reads ("escalate-naive-bayes" or "escalate-linear-text")"#)
        assertRefused(#"{"format":"other","version":2}"#, #"not an escalate model file (expected format "escalate-naive-bayes""#)
        assertRefused("[1,2,3]", "not an escalate model file")
        assertRefused(String(good.prefix(good.count / 2)), "not an escalate model file")
    }

    /// Counts in any number spelling read as the same values: the plain-integer loop and the
    /// general number reader agree (a negative zero is another value, hence another checksum).
    func testCountsInAnySpelling() throws {
        let good = try reordered(tinyModel()), counts = #""feature_counts" : [[0,1],[1,0]]"#
        XCTAssertTrue(good.contains(counts), good)
        let words = ["down", "thanks", "down"]
        for spelling in ["[[0.0 , 1e0],[1.000,0]]", "[[ 0,00001 ],[ 1 ,0E5]]", "[[000000000000000,0000000000000001],[1,0]]", "[[0,1] , [1,0] ]"] {
            let same = try load(good.replacingOccurrences(of: counts, with: #""feature_counts" : "# + spelling))
            XCTAssertEqual(same.probability(words: words), try tinyModel().probability(words: words), spelling)
        }
        assertRefused(good.replacingOccurrences(of: counts, with: #""feature_counts" : [[-0,1],[1,0]]"#), "model checksum mismatch")
        assertRefused(good.replacingOccurrences(of: counts, with: #""feature_counts" : [[0,1],[1,null]]"#),
                      "malformed model file: 'feature_counts' is not an array of arrays of numbers")
    }

    /// Values the file reads fine but naive Bayes cannot use; the file adds its name.
    func testUnusableSectionsAreRefused() throws {
        var section = try tinyModel().section
        section.ngramMax = 3
        XCTAssertThrowsError(try NaiveBayes(section: section)) { XCTAssertEqual("\($0)", "unsupported model parameters (ngram_max 3, alpha 0.5)") }
        section = try tinyModel().section
        section.documentsPerClass = [1]
        XCTAssertThrowsError(try NaiveBayes(section: section)) {
            XCTAssertEqual("\($0)", "inconsistent model file: class and feature count arrays do not match the vocabulary")
        }
        section = try tinyModel().section
        section.features = ["down", "down"]
        XCTAssertThrowsError(try NaiveBayes(section: section)) { XCTAssertEqual("\($0)", "inconsistent model file: feature 'down' appears twice") }
    }
}
