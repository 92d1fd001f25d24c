@testable import escalate
import Foundation
import XCTest

/// The output field list is the one place fields are named: the writers, the README and the
/// records the binary writes must all agree with it.
final class OutputFieldTests: XCTestCase {
    func testREADMEDocumentsEveryOutputField() throws {
        let readme = try String(contentsOf: CLITests.root.appendingPathComponent("README.md"), encoding: .utf8)
        for field in OutputField.allCases {
            XCTAssertTrue(readme.contains("| `\(field.nameText)`") || readme.contains(", `\(field.nameText)` |"),
                          "README's output table lacks `\(field.nameText)`")
        }
    }

    func testNamesAreUniqueAndFoundByName() {
        XCTAssertEqual(Set(OutputField.allCases.map(\.nameText)).count, OutputField.allCases.count)
        for field in OutputField.allCases { XCTAssertEqual(OutputField(name: field.nameText), field) }
        XCTAssertNil(OutputField(name: "line"))
    }

    func testJSONRecordHasTheListedFieldsInListOrder() throws {
        let input = #"{"id":"x","text":"Production is down and we will cancel. Route me to billing.","sla_hours_left":-2}"# + "\n"
        let r = try Binary.run(["score"], stdin: input)
        XCTAssertEqual(r.status, 0, r.stderr)
        // Keys in the order written (JSONValue objects do not keep order, so read them off the text);
        // risk categories inside `risks` are not output field names, so the filter drops them.
        let keys = r.stdout.matches(of: /[{,]"([a-z_]+)":/).map { String($0.1) }
            .filter { OutputField(name: $0) != nil }
        let expected = OutputField.allCases.map(\.nameText).filter(keys.contains)
        XCTAssertEqual(keys, expected)
        for required in ["id", "priority", "escalate", "level", "tier", "type", "review", "sentiment", "probability",
                         "risks", "triggers", "reasons", "respond_minutes", "resolve_hours"] {
            XCTAssertTrue(keys.contains(required), required)
        }
    }

    func testCSVAndTableHeadersComeFromTheList() throws {
        let input = #"{"id":"x","text":"All good, thanks"}"# + "\n"
        let csv = try Binary.run(["score", "--output", "csv"], stdin: input)
        XCTAssertEqual(csv.stdout.split(separator: "\n").first.map(String.init),
                       OutputField.allCases.filter(\.inCSV).map(\.nameText).joined(separator: ","))
        let table = try Binary.run(["score", "--output", "table"], stdin: input)
        let heading = table.stdout.split(separator: "\n").first.map { $0.split(separator: " ").map(String.init) } ?? []
        XCTAssertEqual(heading, OutputField.tableColumns.map(\.tableHeading.title))
    }
}
