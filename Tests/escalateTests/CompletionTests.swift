import Foundation
import XCTest

/// The completion scripts the README tells users to install complete file names where a file is
/// expected (swift-argument-parser writes them from each argument's `completion:`).
final class CompletionTests: XCTestCase {
    /// The body of one generated shell function, e.g. `_escalate_score`.
    private func function(_ name: String, in script: String) -> String? {
        guard let start = script.range(of: "\n\(name)() {\n") else { return nil }
        guard let end = script.range(of: "\n}\n", range: start.upperBound..<script.endIndex) else { return nil }
        return String(script[start.upperBound..<end.lowerBound])
    }

    func testBashCompletesFilesAndFolders() throws {
        let r = try Binary.run(["--generate-completion-script", "bash"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let score = try XCTUnwrap(function("_escalate_score", in: r.stdout), "no _escalate_score in:\n\(r.stdout)")
        // Positional arguments (the input files) complete file names.
        let positional = try XCTUnwrap(score.range(of: "# Offer positional completions"), score)
        XCTAssertTrue(score[positional.upperBound...].contains("__escalate_add_completions -f"), score)
        // --lexicons and --corpus are folders; --model a JSON file.
        XCTAssertTrue(score.contains("'--lexicons')\n        __escalate_add_completions -d"), score)
        XCTAssertTrue(score.contains("'--model')\n        __escalate_add_completions -o plusdirs -fX '!*.@(json)'"), score)
        // train reads any input format, so any file name.
        let train = try XCTUnwrap(function("_escalate_train", in: r.stdout))
        let trainPositional = try XCTUnwrap(train.range(of: "# Offer positional completions"), train)
        XCTAssertTrue(train[trainPositional.upperBound...].contains("__escalate_add_completions -f"), train)
        XCTAssertTrue(train.contains("'--output')\n        __escalate_add_completions -o plusdirs -fX '!*.@(json)'")
                      || train.contains("'-o'|'--output')\n        __escalate_add_completions -o plusdirs -fX '!*.@(json)'"), train)
    }

    func testZshAndFishCompleteInputFiles() throws {
        let zsh = try Binary.run(["--generate-completion-script", "zsh"])
        XCTAssertEqual(zsh.status, 0, zsh.stderr)
        let score = try XCTUnwrap(zsh.stdout.range(of: "_escalate_score() {")).upperBound
        XCTAssertTrue(zsh.stdout[score...].prefix(400).contains("'*:files:_files'"), zsh.stdout)
        let fish = try Binary.run(["--generate-completion-script", "fish"])
        XCTAssertEqual(fish.status, 0, fish.stderr)
        XCTAssertTrue(fish.stdout.contains(#"positional "escalate score" -ge 1' -F"#), fish.stdout)
    }
}
