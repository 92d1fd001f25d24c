import EscalationCore
import XCTest

/// The help texts name every input field of the table: a new field must be documented there.
final class InputFieldHelpTests: XCTestCase {
    func testHelpNamesEveryInputField() throws {
        let score = try Binary.run(["help", "score"]).stdout, eval = try Binary.run(["help", "eval"]).stdout
        for field in InputField.allCases {
            // Labels matter to eval and tune, everything else to score.
            let help = field.spec.kind == .label ? eval : score
            XCTAssertTrue(help.contains(field.name), "`escalate help \(field.spec.kind == .label ? "eval" : "score")` does not name '\(field.name)'")
        }
    }

    func testCSVHeadersAreMatchedIgnoringCaseAndSpaces() throws {
        let csv = "ID , Text,Arr_USD,note\nT-1,Our site is down,5000,kept\n"
        let r = try Binary.run(["score", "--format", "csv", "--keep-fields"], stdin: csv)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.records.first?["id"], .string("T-1"))
        XCTAssertEqual(r.records.first?["note"], .string("kept"))
        XCTAssertNil(r.records.first?["arr_usd"], "a field the scorer reads is not echoed as an extra")
    }
}
