@testable import escalate
import EscalationCore
import Foundation
import XCTest

/// Helpdesk exports read with no flags, JSON documents, format sniffing, `--field`, `--preset`, `fields`.
final class HelpdeskCLITests: XCTestCase {
    let vendors = Binary.root.appendingPathComponent("Tests/Fixtures/vendors")

    struct Expected: Decodable {
        var file: String, index: Int, id: String
        var text_contains: String, subject_contains: String?, declared_priority: String?, risk: String?
    }

    func testEveryVendorFixtureIsReadWithNoFlags() throws {
        let lines = try String(contentsOf: vendors.appendingPathComponent("expected.jsonl"), encoding: .utf8).split(separator: "\n")
        let expected = try lines.map { try JSONDecoder().decode(Expected.self, from: Data($0.utf8)) }
        XCTAssertGreaterThanOrEqual(Set(expected.map(\.file)).count, 13, "a fixture per export shape")
        for (file, cases) in Dictionary(grouping: expected, by: \.file) {
            let path = vendors.appendingPathComponent(file).path
            let source = try RecordSource(path: path, format: nil)
            var records: [InputRecord] = []
            while let record = source.next() { records.append(record) }
            XCTAssertEqual(records.count, cases.count, "\(file): one record per expected line")
            XCTAssertNotNil(source.mapping?.vendor, "\(file): helpdesk recognized")
            let scored = try Binary.run(["score", path])
            XCTAssertEqual(scored.status, 0, "\(file): \(scored.stderr)")
            XCTAssertEqual(scored.records.count, cases.count, file)
            for c in cases {
                guard c.index < records.count, case .success(let d) = records[c.index].result else { XCTFail("\(file) #\(c.index) not read"); continue }
                XCTAssertEqual(d.ticket.id, c.id, "\(file) #\(c.index)")
                XCTAssertTrue(d.ticket.text.contains(c.text_contains), "\(file) #\(c.index): \(d.ticket.text)")
                if let subject = c.subject_contains { XCTAssertTrue(d.ticket.text.contains(subject), "\(file) #\(c.index) subject") }
                XCTAssertEqual(d.ticket.metadata.declared != nil, c.declared_priority != nil, "\(file) #\(c.index) declared priority")
                let output = scored.records[c.index]
                XCTAssertEqual(output["id"], .string(c.id))
                guard case .object(let risks)? = output["risks"] else { XCTFail("no risks"); continue }
                if let risk = c.risk {
                    XCTAssertTrue(risks.contains { $0.0 == risk }, "\(file) #\(c.index): \(risk) in \(risks)")
                } else {
                    XCTAssertTrue(risks.isEmpty, "\(file) #\(c.index): calm, yet \(risks)")
                    XCTAssertEqual(output["escalate"], .bool(false), "\(file) #\(c.index)")
                }
            }
        }
    }

    func testTheExamplesOfTheIssue() throws {
        let zendesk = #"{"id":48213,"subject":"Invoices missing","description":"After last night's migration every invoice we issued in 2025 is gone. This is data loss.","priority":"high","status":"open","requester_id":1,"submitter_id":1}"#
        let z = try Binary.run(["score"], stdin: zendesk + "\n")
        XCTAssertEqual(z.records.first?["escalate"], .bool(true), z.stdout)
        XCTAssertTrue(z.stdout.contains(#""data_loss""#), z.stdout)
        XCTAssertTrue(z.stdout.contains(#""declared_priority":0.75"#), z.stdout)
        let response = #"{"tickets":[{"id":1,"subject":"a","description":"Production is down for all users"},{"id":2,"subject":"b","description":"How do I export a PDF?"}],"next_page":null,"count":2}"#
        let r = try Binary.run(["score"], stdin: response)
        XCTAssertEqual(r.records.map { $0["id"] }, [.string("1"), .string("2")], r.stdout + r.stderr)
        let text = try Binary.run(["score"], stdin: "Our site is down again!\nThanks, all good now\n")
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertEqual(text.records.count, 2, "plain text on stdin is one ticket per line")
        let csv = try Binary.run(["score"], stdin: "Summary,Issue key,Description\nDown,SUP-1,\"Prod is down, customers cannot log in\"\n")
        XCTAssertEqual(csv.records.first?["id"], .string("SUP-1"), csv.stdout + csv.stderr)
        let tsv = try Binary.run(["score"], stdin: "number\tshort_description\tdescription\nINC1\tDown\tEverything is down\n")
        XCTAssertEqual(tsv.records.first?["id"], .string("INC1"), tsv.stdout + tsv.stderr)
        let forced = try Binary.run(["score", "--format", "jsonl"], stdin: "plain words\n")
        XCTAssertTrue(forced.stderr.contains("use --format text"), forced.stderr)
    }

    func testFieldMappingsAndPresets() throws {
        let mapped = try Binary.run(["score", "--field", "text=notes.body", "--field", "id=ref"], stdin: #"{"ref":"R-9","id":"x","notes":{"body":"We will call our lawyers"}}"# + "\n")
        XCTAssertEqual(mapped.records.first?["id"], .string("R-9"), mapped.stderr)
        XCTAssertTrue(mapped.stdout.contains(#""legal""#), mapped.stdout)
        let numeric = #"{"id":1,"text":"Question about invoices","priority":4}"# + "\n"
        let unknown = try Binary.run(["score"], stdin: numeric)
        XCTAssertTrue(unknown.stderr.contains("name it with --preset"), unknown.stderr)
        let fresh = try Binary.run(["score", "--preset", "freshdesk"], stdin: numeric)
        XCTAssertTrue(fresh.stdout.contains(#""declared_priority":1"#), fresh.stdout)
        XCTAssertTrue(fresh.stdout.contains("helpdesk priority 4 +5.0") || fresh.stdout.contains("helpdesk priority"), fresh.stdout)
        let bad = try Binary.run(["score", "--field", "txt=notes"], stdin: "")
        XCTAssertEqual(bad.status, 64)
        XCTAssertTrue(bad.stderr.contains("unknown field 'txt'"), bad.stderr)
        let missing = try Binary.run(["score"], stdin: #"{"ticket":1,"notes":"The site is down"}"# + "\n")
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("--field text=notes"), missing.stderr)
    }

    func testFieldsShowsWhatFedEachField() throws {
        let r = try Binary.run(["fields", vendors.appendingPathComponent("jira_search.json").path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("JSON, 3 records looked at, helpdesk: jira (recognized by fields.summary, key, fields)"), r.stdout)
        XCTAssertTrue(r.stdout.contains("  id                  key (3/3)"), r.stdout)
        XCTAssertTrue(r.stdout.contains("  body                fields.description (3/3)"), r.stdout)
        let plain = try Binary.run(["fields"], stdin: #"{"foo":"a long text here","n":1}"# + "\n")
        XCTAssertTrue(plain.stdout.contains("not read (kept by score --keep-fields): foo, n"), plain.stdout)
        XCTAssertTrue(plain.stdout.contains("1 of 1 records have no text"), plain.stdout)
    }

    func testKeepFieldsCarriesTheHelpdesksPriorityAsGiven() throws {
        let r = try Binary.run(["score", "--keep-fields"], stdin: #"{"id":"1","text":"Down for everyone","priority":"urgent","team":"emea"}"# + "\n")
        let record = try XCTUnwrap(r.records.first)
        XCTAssertEqual(record["input_priority"], .string("urgent"))
        XCTAssertEqual(record["declared_priority"], .number(1))
        XCTAssertEqual(record["team"], .string("emea"))
    }
}

extension HelpdeskCLITests {
    /// Every piece found at the end of input is returned, however many there are.
    func testRecordsFoundAtTheEndOfInputAreAllReturned() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("esc-doc-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("t.json").path
        // No newline, small: one read holds it all, and the last pieces only appear at the end.
        try Data(#"[{"text":"a"},{"text":"b"},{"text":"c"},7,{"text":"d"#.utf8).write(to: URL(fileURLWithPath: path))
        let source = try RecordSource(path: path, format: nil)
        var results: [String] = []
        while let record = source.next() {
            switch record.result {
            case .success(let d): results.append(d.ticket.text)
            case .failure(let e): results.append("error: " + e.message)
            }
        }
        XCTAssertEqual(results, ["a", "b", "c", "error: record is a number, expected an object (column 41)",
                                 "error: the JSON ends inside a record that starts here (column 43)"])
    }
}
