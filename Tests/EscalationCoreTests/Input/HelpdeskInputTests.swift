@testable import EscalationCore
import XCTest

/// Helpdesk exports: vendor names, nested paths, threads, the declared priority, `--field`.
final class HelpdeskInputTests: XCTestCase {
    func decode(_ json: String, keysFrom: String? = nil, preset: Vendor? = nil, overrides: [FieldMapping.Override] = []) throws -> TicketDecoder.Decoded {
        let value = try JSONParser.parse(json)
        guard case .object(let pairs) = try JSONParser.parse(keysFrom ?? json) else { throw RecordError("not an object") }
        let mapping = FieldMapping.resolve(keys: FieldMapping.keysAndPaths(pairs), preset: preset, overrides: overrides)
        return try TicketDecoder.decode(value, mapping: mapping, fallbackID: "0")
    }

    func testVendorsAreRecognizedFromTheirKeys() {
        func vendor(_ keys: [String]) -> Vendor? { FieldMapping.resolve(keys: keys).vendor }
        XCTAssertEqual(vendor(["id", "subject", "description", "raw_subject", "requester_id", "submitter_id"]), .zendesk)
        XCTAssertEqual(vendor(["id", "subject", "description", "description_text", "fr_due_by"]), .freshdesk)
        XCTAssertEqual(vendor(["id", "key", "fields", "fields.summary"]), .jira)
        XCTAssertEqual(vendor(["Summary", "Issue key", "Issue id", "Issue Type", "Description"]), .jira)
        XCTAssertEqual(vendor(["number", "short_description", "description", "sys_id"]), .servicenow)
        XCTAssertEqual(vendor(["ID", "CASENUMBER", "SUBJECT", "DESCRIPTION", "ORIGIN", "ACCOUNTID"]), .salesforce)
        XCTAssertEqual(vendor(["id", "properties", "properties.subject", "properties.hs_pipeline_stage"]), .hubspot)
        XCTAssertNil(vendor(["id", "text", "account_tier", "key"]), "one shared key is not enough")
    }

    func testTheHumanVisibleIdWins() throws {
        XCTAssertEqual(try decode(#"{"id":"10001","key":"SUP-7","fields":{"summary":"Down","description":"All users"}}"#).ticket.id, "SUP-7")
        XCTAssertEqual(try decode(#"{"Id":"5003000000D8cuI","CaseNumber":"00001026","Subject":"x","attributes":{"type":"Case"}}"#).ticket.id, "00001026")
        XCTAssertEqual(try decode(#"{"sys_id":"9d38","number":"INC0010023","short_description":"x","caller_id":"a"}"#).ticket.id, "INC0010023")
        XCTAssertEqual(try decode(#"{"id":"T-1","number":5,"text":"x"}"#).ticket.id, "T-1", "no helpdesk: a 'number' is not an id")
    }

    func testNestedPathsAndPreferredSources() throws {
        let jira = try decode(#"{"key":"SUP-1","fields":{"summary":"Export broken","description":"Every export is empty","priority":{"name":"Highest","id":"1"}}}"#)
        XCTAssertEqual(jira.ticket.text, "Export broken\nEvery export is empty")
        XCTAssertEqual(jira.ticket.metadata.declared, DeclaredPriority(level: 1, shown: "Highest"))
        // Freshdesk: the plain-text description over the HTML one, whatever the order.
        let fresh = try decode(#"{"id":1,"subject":"S","description":"<div>HTML</div>","description_text":"Plain","fr_due_by":"x"}"#)
        XCTAssertEqual(fresh.ticket.text, "S\nPlain")
        let hubspot = try decode(#"{"id":"77","properties":{"subject":"Login","content":"Nobody can log in","hs_ticket_priority":"URGENT","hs_pipeline_stage":"1"}}"#)
        XCTAssertEqual(hubspot.ticket.id, "77")
        XCTAssertEqual(hubspot.ticket.text, "Login\nNobody can log in")
        XCTAssertEqual(hubspot.ticket.metadata.declared?.level, 1)
    }

    func testJiraDocumentFormatIsReadAsText() throws {
        let adf = #"{"type":"doc","version":1,"content":[{"type":"paragraph","content":[{"type":"text","text":"Prod is "},{"type":"text","text":"down"}]},{"type":"paragraph","content":[{"type":"text","text":"since 2am"}]}]}"#
        let d = try decode(#"{"key":"SUP-2","fields":{"summary":"S","description":\#(adf)}}"#)
        XCTAssertEqual(d.ticket.text, "S\nProd is down\nsince 2am")
    }

    func testThreadsKeepTheCustomersMessagesOnly() throws {
        let d = try decode(#"""
        {"id":1,"subject":"Sync","description":"Sync fails","requester_id":9,"submitter_id":9,"comments":[
          {"body":"Sync fails","public":true},
          {"body":"Internal: looks like the outage","public":false},
          {"plain_body":"Still failing, fourth day","body":"<p>Still failing</p>","public":true}]}
        """#)
        XCTAssertEqual(d.ticket.text, "Sync\nSync fails\n\nStill failing, fourth day", "the repeated description and the internal note are left out")
        let fresh = try decode(#"{"id":1,"description_text":"D","fr_due_by":"x","conversations":[{"body_text":"agent says sorry about the outage","incoming":false},{"body_text":"Customer: please hurry","incoming":true,"private":false}]}"#)
        XCTAssertEqual(fresh.ticket.text, "D\n\nCustomer: please hurry")
        let intercom = try decode(#"{"id":"5","source":{"body":"<p>Help</p>","author":{"type":"user"}},"waiting_since":1,"conversation_parts":{"type":"conversation_part.list","conversation_parts":[{"part_type":"comment","body":"We are sorry about the data loss","author":{"type":"admin"}},{"part_type":"note","body":"note","author":{"type":"admin"}},{"part_type":"comment","body":"Any news?","author":{"type":"user"}}]}}"#)
        XCTAssertEqual(intercom.ticket.text, "Help\n\nAny news?", "HTML read as text")
        // Jira's CSV comment cells: "date;author;text".
        XCTAssertEqual(ThreadMessages.journalText("02/Dec/26 9:14 AM;557058:f1e2;Still down for us"), "Still down for us")
        XCTAssertEqual(ThreadMessages.journalText("Dear team; we are down; please help"), "Dear team; we are down; please help")
        XCTAssertEqual(ThreadMessages.journalText("2026-12-02 08:05:31 - Dana Whitcombe (Additional comments)\nStill down\n\n2026-12-01 17:00:00 - Dana Whitcombe (Additional comments)\nIt is down\n"),
                       "Still down\n\nIt is down")
    }

    func testLongThreadsAreCutWithAWarning() throws {
        let messages = (0..<(ThreadMessages.maxMessages + 10)).map { #"{"body":"m\#($0)"}"# }.joined(separator: ",")
        let d = try decode(#"{"text":"t","comments":[\#(messages)]}"#)
        XCTAssertEqual(d.warnings.count, 1)
        XCTAssertTrue(d.warnings[0].contains("only the first \(ThreadMessages.maxMessages)"), d.warnings[0])
        XCTAssertTrue(d.ticket.text.hasSuffix("m\(ThreadMessages.maxMessages - 1)"))
        let wrong = try decode(#"{"text":"t","comments":[5,"ok"]}"#)
        XCTAssertEqual(wrong.ticket.text, "t\n\nok")
        XCTAssertEqual(wrong.warnings, ["'comments' holds a number where a message was expected; ignored"])
    }

    func testDeclaredPriorityScales() {
        func level(_ v: JSONValue, _ n: NumericPriority = .unknown) -> Double? { try? DeclaredPriority.read(v, numeric: n).get().level }
        XCTAssertEqual(level(.string("urgent")), 1)
        XCTAssertEqual(level(.string("1 - Critical")), 1)
        XCTAssertEqual(level(.string("High")), 0.75)
        XCTAssertEqual(level(.string("P3")), 0.5)
        XCTAssertEqual(level(.string("Sev 4")), 0.25)
        XCTAssertEqual(level(.string("Lowest")), 0)
        XCTAssertEqual(level(.string("not_priority")), 0)
        XCTAssertEqual(level(.string("priority")), 0.75)
        XCTAssertNil(level(.number(3)), "a bare number's scale depends on the helpdesk")
        XCTAssertEqual(level(.number(4), Vendor.freshdesk.numericPriority), 1, "Freshdesk 4 = urgent")
        XCTAssertEqual(level(.number(1), Vendor.freshdesk.numericPriority), 0.25, "Freshdesk 1 = low")
        XCTAssertEqual(level(.string("1"), Vendor.servicenow.numericPriority), 1, "ServiceNow 1 = critical")
        XCTAssertEqual(level(.number(5), Vendor.servicenow.numericPriority), 0)
        XCTAssertNil(level(.number(7), Vendor.servicenow.numericPriority))
        XCTAssertNil(level(.string("whenever")))
        XCTAssertEqual(try? DeclaredPriority.read(impact: .string("1 - High"), urgency: .string("2 - Medium")).get().level, 0.75, "ITIL 1+2-1 = P2")
    }

    func testDeclaredPriorityWarningsAndFallback() throws {
        let unknown = try decode(#"{"text":"t","priority":3}"#)
        XCTAssertNil(unknown.ticket.metadata.declared)
        XCTAssertEqual(unknown.warnings, ["'priority' value 3 is a number on a scale that depends on the helpdesk; name it with --preset; ignored"])
        let preset = try decode(#"{"text":"t","priority":3}"#, preset: .freshdesk)
        XCTAssertEqual(preset.ticket.metadata.declared?.level, 0.75)
        let itil = try decode(#"{"number":"INC1","short_description":"x","sys_id":"a","impact":"1","urgency":"1"}"#)
        XCTAssertEqual(itil.ticket.metadata.declared?.level, 1)
    }

    func testFieldOverrides() throws {
        let json = #"{"id":"1","key":"K-1","notes":"Our lawyers are involved","description":"short"}"#
        let d = try decode(json, overrides: [.init(field: .id, source: "key"), .init(field: .text, source: "notes")])
        XCTAssertEqual(d.ticket.id, "K-1")
        XCTAssertEqual(d.ticket.text, "Our lawyers are involved")
        let nested = try decode(#"{"a":{"b":{"c":"deep text"}}}"#, overrides: [.init(field: .text, source: "a.b.c")])
        XCTAssertEqual(nested.ticket.text, "deep text")
        let off = try decode(#"{"text":"t","priority":"urgent"}"#, overrides: [.init(field: .declaredPriority, source: "")])
        XCTAssertNil(off.ticket.metadata.declared, "an empty source reads the field from nowhere")
        XCTAssertEqual(off.warnings, [])
    }

    func testMissingTextNamesTheKeysAndSuggestsOne() {
        XCTAssertThrowsError(try decode(#"{"ticket":7,"notes":"The site is down","x":"ab"}"#)) { error in
            let e = error as! RecordError
            XCTAssertTrue(e.isMissingText)
            XCTAssertTrue(e.message.contains("'ticket', 'notes', 'x'"), e.message)
            XCTAssertTrue(e.message.contains("--field text=notes"), e.message)
        }
    }
}
