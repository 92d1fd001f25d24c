@testable import EscalationCore
import XCTest

/// Conversations: who wrote each message, when, and what the thread shows.
final class ThreadTests: XCTestCase {
    func thread(_ json: String) throws -> Ticket {
        try TicketDecoder.decode(JSONParser.parse(json), fallbackID: "t").ticket
    }

    func testRolesFromEachHelpdesksFlags() throws {
        func role(_ json: String) throws -> ThreadMessage.Role? {
            guard case .object(let pairs) = try JSONParser.parse(json) else { return nil }
            return ThreadMessages.role(pairs)
        }
        XCTAssertEqual(try role(#"{"incoming":true,"private":false}"#), .customer, "Freshdesk")
        XCTAssertEqual(try role(#"{"incoming":false}"#), .agent)
        XCTAssertNil(try role(#"{"private":true,"incoming":true}"#), "an internal note is not part of the conversation")
        XCTAssertNil(try role(#"{"public":false}"#), "Zendesk internal note")
        XCTAssertEqual(try role(#"{"part_type":"comment","author":{"type":"admin"}}"#), .agent, "Intercom")
        XCTAssertEqual(try role(#"{"part_type":"comment","author":{"type":"user"}}"#), .customer)
        XCTAssertNil(try role(#"{"part_type":"note","author":{"type":"admin"}}"#))
        XCTAssertEqual(try role(#"{"type":"customer","createdBy":{"type":"customer"}}"#), .customer, "Help Scout")
        XCTAssertEqual(try role(#"{"type":"message","createdBy":{"type":"user"}}"#), .agent, "Help Scout: a user is an agent")
        XCTAssertEqual(try role(#"{"is_inbound":false,"type":"email"}"#), .agent, "Front")
        XCTAssertEqual(try role(#"{"body":"x"}"#), .unknown)
    }

    func testAuthorsAgainstTheRequesterAndTimes() throws {
        let t = try thread(#"""
        {"id":1,"subject":"S","description":"Opening words","requester_id":7,"comments":[
          {"body":"Opening words","author_id":7,"created_at":"2026-12-01T09:00:00Z"},
          {"body":"Agent here","author_id":99,"created_at":"2026-12-01T10:00:00Z"},
          {"body":"Customer again","author_id":7,"created_at":"2026-12-03T09:00:00+01:00"}]}
        """#)
        XCTAssertEqual(t.thread?.map(\.text), ["Opening words", "Agent here", "Customer again"], "the repeated description is read once")
        XCTAssertEqual(t.thread?.map(\.role), [.customer, .agent, .customer])
        XCTAssertEqual(t.text, "S\nOpening words\n\nCustomer again", "agents' replies are not scored")
        XCTAssertEqual(ThreadReading.followUps(t.thread!), 1)
        let times = t.thread!.compactMap(\.time)
        XCTAssertEqual((times.last! - times.first!) / 3600, 46, "the repeated first comment is dropped with its time; 10:00Z to 08:00Z two days on is 46 h")
    }

    func testTimestamps() {
        XCTAssertEqual(Timestamp.seconds(.string("1970-01-02T00:00:00Z")), 86_400)
        XCTAssertEqual(Timestamp.seconds(.string("2026-12-02T08:05:31.000+0000")), Timestamp.seconds(.string("2026-12-02 08:05:31")))
        XCTAssertEqual(Timestamp.seconds(.string("2026-12-02T09:05:31+01:00")), Timestamp.seconds(.string("2026-12-02T08:05:31Z")))
        XCTAssertEqual(Timestamp.seconds(.number(1_764_662_400)), 1_764_662_400)
        XCTAssertEqual(Timestamp.seconds(.number(1_764_662_400_000)), 1_764_662_400, "milliseconds")
        XCTAssertEqual(Timestamp.seconds(.string("2000-03-01")), 951_868_800)
        XCTAssertNil(Timestamp.seconds(.string("yesterday")))
        XCTAssertNil(Timestamp.seconds(.string("2026-13-01")))
        XCTAssertNil(Timestamp.seconds(.bool(true)))
    }

    func testFollowUps() {
        func m(_ r: ThreadMessage.Role) -> ThreadMessage { ThreadMessage(role: r, utf8: [0x61]) }
        XCTAssertEqual(ThreadReading.followUps([m(.customer)]), 0)
        XCTAssertEqual(ThreadReading.followUps([m(.customer), m(.customer), m(.unknown)]), 2, "no agent reply at all")
        XCTAssertEqual(ThreadReading.followUps([m(.customer), m(.agent), m(.customer), m(.customer)]), 2)
        XCTAssertEqual(ThreadReading.followUps([m(.customer), m(.customer), m(.agent)]), 0, "the agent answered last")
    }

    func testThreadsWorsenOrResolve() throws {
        let escalator = Fixture.escalator()
        let worse = try thread(#"""
        {"id":"w","subject":"Sync","description":"Hi, sync is failing for a couple of users since this morning. Could you take a look?","comments":[
          {"body":"We are looking into it.","author":{"type":"admin"}},
          {"body":"Any news? Still failing for more users now.","author":{"type":"user"}},
          {"body":"Fourth day without sync. Nobody has answered since Monday. This is completely unacceptable. I want to speak to your manager today.","author":{"type":"user"}}]}
        """#)
        let a = escalator.assess(worse)
        XCTAssertTrue(a.escalate)
        XCTAssertTrue(a.reasons.contains { $0.hasPrefix("customer sentiment worsened") }, "\(a.reasons)")
        XCTAssertTrue(a.reasons.contains { $0.contains("speak to your manager") }, "\(a.reasons)")
        XCTAssertGreaterThan(a.components[.threadTrend], 0)
        XCTAssertGreaterThan(a.components[.threadRepeatContact], 0)

        let better = try thread(#"""
        {"id":"b","subject":"Sync","description":"Our sync has been broken for two days, the whole company is blocked and this is unacceptable. We will cancel if it is not fixed.","comments":[
          {"body":"We deployed a fix, can you confirm?","incoming":false},
          {"body":"Confirmed, everything syncs again. Thank you!","incoming":true}]}
        """#)
        let b = escalator.assess(better)
        XCTAssertFalse(b.escalate, "\(b.reasons)")
        XCTAssertTrue(b.risks.isEmpty, "the earlier cancel threat is history once the customer confirms the fix")
        XCTAssertTrue(b.reasons.first?.hasPrefix("thread resolved") ?? false)

        // Thanks at the end of a request, or "still not fixed", resolve nothing.
        let request = try thread(#"{"text":"The export is broken for all users.","comments":[{"body":"Please fix this today. Thank you.","incoming":true}]}"#)
        XCTAssertFalse(escalator.assess(request).reasons.contains { $0.hasPrefix("thread resolved") })
        let still = try thread(#"{"text":"The export is broken.","comments":[{"body":"Fixed?","incoming":false},{"body":"Thanks, but it is still not fixed.","incoming":true}]}"#)
        XCTAssertFalse(escalator.assess(still).reasons.contains { $0.hasPrefix("thread resolved") })
    }

    func testASingleTextIsScoredAsBefore() throws {
        let escalator = Fixture.escalator()
        let text = "Our sync has been broken for two days and we will cancel."
        let single = try thread(#"{"id":"s","text":"\#(text)"}"#)
        XCTAssertNil(single.thread)
        let a = escalator.assess(single), b = escalator.assess(Ticket(id: "s", text: text))
        XCTAssertEqual(a.priority, b.priority)
        XCTAssertEqual(a.reasons, b.reasons)
    }
}
