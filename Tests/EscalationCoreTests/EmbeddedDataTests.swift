@testable import EscalationCore
import Foundation
import XCTest

/// The copy of Lexicons/ and Corpora/ built into the binary, and how a data folder is chosen.
final class EmbeddedDataTests: XCTestCase {
    static let embedded: [(folder: DataFolder, suffix: String)] = [(.lexicons, ".txt"), (.corpora, ".jsonl")]

    func testBuiltInCopyEqualsTheCheckoutFiles() throws {
        let fix = "the copy built into escalate is stale: run scripts/embed_data (after editing Lexicons/ or Corpora/)"
        for (folder, suffix) in Self.embedded {
            let dir = Fixture.path(folder.rawValue)
            let onDisk = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(suffix) }.sorted()
            XCTAssertFalse(onDisk.isEmpty, dir)
            XCTAssertEqual(EmbeddedData.names(folder: folder.rawValue), onDisk, "\(folder.rawValue)/*\(suffix): \(fix)")
            for name in onDisk {
                let file = try Data(contentsOf: URL(fileURLWithPath: dir).appendingPathComponent(name))
                guard let copy = EmbeddedData.file(folder: folder.rawValue, name: name) else { continue }  // reported above
                XCTAssertTrue(Data(copy.utf8) == file, "\(folder.rawValue)/\(name) differs from its built-in copy: \(fix)")
            }
        }
        XCTAssertNil(EmbeddedData.file(folder: "Lexicons", name: "README.md"), "documentation is not data")
    }

    func testBase64StoredFilesDecodeExactly() {
        let text = "a\r\nb\u{1}\tc é 🙂\n"
        let stored = EmbeddedData.Stored.base64(Data(text.utf8).base64EncodedString())
        XCTAssertEqual(stored.text, text)
        XCTAssertEqual(EmbeddedData.Stored.text(text).text, text)
    }

    func testBuiltInCopyLoadsLikeTheFolders() throws {
        let n = Fixture.normalizer()
        let builtIn = try Resources.load(from: .builtIn(.lexicons), normalizer: n)
        let folder = try Resources.load(lexicons: Fixture.path("Lexicons"), normalizer: n)
        XCTAssertEqual(builtIn.risk.categories, folder.risk.categories)
        XCTAssertFalse(builtIn.risk.categories.isEmpty)
        let corpus = try LabeledFile.read(.builtIn(.corpora))
        let files = try LabeledFile.readDirectory(Fixture.path("Corpora"))
        XCTAssertEqual(corpus.map(\.text), files.map(\.text))
        XCTAssertEqual(corpus.map(\.escalate), files.map(\.escalate))
        XCTAssertGreaterThan(corpus.count, 100)
    }

    func testBuiltInFilesAreNamedHonestlyInMessages() {
        let source = DataSource.builtIn(.lexicons)
        XCTAssertEqual(source.path("risk.txt"), "<built-in>/Lexicons/risk.txt")
        XCTAssertThrowsError(try source.text("missing.txt", limit: 1 << 20, what: "lexicon")) { error in
            XCTAssertEqual("\(error)", "<built-in>/Lexicons/missing.txt: error: lexicon not found")
        }
        // A bad line in a built-in file would be reported at its line like any other file.
        XCTAssertThrowsError(try SectionedFile(path: source.path("risk.txt"), contents: "ok\n[bad\n")) { error in
            XCTAssertTrue("\(error)".hasPrefix("<built-in>/Lexicons/risk.txt:2: error: "), "\(error)")
        }
    }

    func testCommandLineThenEnvironmentThenBuiltIn() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("escalate-home-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home.appendingPathComponent("Lexicons"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let env = [DataLocation.environmentKey: home.path]

        XCTAssertEqual(try DataLocation.source(.lexicons, override: nil, environment: [:]), .builtIn(.lexicons))
        XCTAssertEqual(try DataLocation.source(.corpora, override: nil, environment: [DataLocation.environmentKey: ""]), .builtIn(.corpora))
        XCTAssertEqual(try DataLocation.source(.lexicons, override: nil, environment: env), .folder(home.appendingPathComponent("Lexicons").path))
        XCTAssertEqual(try DataLocation.source(.lexicons, override: "mine", environment: env), .folder("mine"))
        XCTAssertEqual(try DataLocation.source(.corpora, override: "mine", environment: env), .folder("mine"))
        // A home without the folder is a mistake to report, not a reason to fall back silently.
        XCTAssertThrowsError(try DataLocation.source(.corpora, override: nil, environment: env)) { error in
            XCTAssertTrue("\(error)".contains("Corpora: error: no such folder; ESCALATE_HOME is set to"), "\(error)")
        }
    }
}
