import EscalationCore
import Foundation
import XCTest

/// Threads through the CLI: the issue's examples, explain, and hostile threads.
final class ThreadCLITests: XCTestCase {
    let worse = #"{"id":"worse","subject":"Sync failing","description":"Hi, sync is failing for a couple of users since this morning. Could you take a look?","comments":[{"body":"Thanks, we are looking into it.","author":{"type":"admin"}},{"body":"Any news? Still failing for more users now.","author":{"type":"user"}},{"body":"Fourth day without sync. Nobody has answered since Monday. This is completely unacceptable. I want to speak to your manager today.","author":{"type":"user"}}]}"#
    let better = #"{"id":"better","subject":"Sync failing","description":"Our sync has been broken for two days, the whole company is blocked and this is unacceptable. We will cancel if it is not fixed.","conversations":[{"body_text":"We found the cause and deployed a fix, can you confirm?","incoming":false},{"body_text":"Confirmed, everything syncs again. Thank you!","incoming":true}]}"#

    func testWorseningAndResolvedThreads() throws {
        let r = try Binary.run(["score"], stdin: worse + "\n" + better + "\n")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.records.count, 2)
        XCTAssertEqual(r.records[0]["escalate"], .bool(true))
        guard case .array(let reasons)? = r.records[0]["reasons"] else { return XCTFail(r.stdout) }
        XCTAssertTrue(reasons.contains { if case .string(let s) = $0 { return s.hasPrefix("customer sentiment worsened") } else { return false } }, "\(reasons)")
        XCTAssertTrue(reasons.contains { if case .string(let s) = $0 { return s.contains("speak to your manager") } else { return false } }, "\(reasons)")
        XCTAssertEqual(r.records[1]["escalate"], .bool(false), r.stdout)
    }

    func testExplainShowsTheThreadAndTheTextAsScored() throws {
        let r = try Binary.run(["explain", better])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("scored:    Confirmed, everything syncs again. Thank you!\n"), r.stdout)
        XCTAssertTrue(r.stdout.contains("resolved by the customer's latest message"), r.stdout)
        let plain = try Binary.run(["explain", "-"], stdin: "Our site is down")
        XCTAssertTrue(plain.stdout.hasPrefix("scored:    Our site is down\n"), plain.stdout)
    }

    func testHostileThreadsAreBounded() throws {
        let many = (0..<100_000).map { #"{"body":"m\#($0)","incoming":true}"# }.joined(separator: ",")
        let objects = #"{"id":"o","text":"t","comments":[{"body":{"nested":"object"},"incoming":true},["array"],"plain words"]}"#
        let r = try Binary.run(["score"], stdin: #"{"id":"big","text":"start","comments":[\#(many)]}"# + "\n" + objects + "\n")
        XCTAssertEqual(r.status, 0, String(r.stderr.prefix(300)))
        XCTAssertEqual(r.records.count, 2)
        XCTAssertTrue(r.stderr.contains("<stdin>:1: warning: 'comments' has more than 500 messages; only the first 500 were read"), String(r.stderr.prefix(300)))
        XCTAssertTrue(r.stderr.contains("<stdin>:2: warning: 'comments' holds a message whose text is an object; ignored"), r.stderr)
    }
}

extension ThreadCLITests {
    /// The issue's emails: the customer's words are scored, not the history, markup or footer.
    func testEmailsAreScoredOnTheCustomersWords() throws {
        let lines = [
            #"{"id":"reply","text":"Thanks, that fixed it!\n\n> We are sorry about the outage yesterday. Our engineers recovered from the data loss incident and the security breach is contained.\n> Best, Support"}"#,
            #"{"id":"html","text":"<p>Our <b>production dashboard</b> has been returning 503 since 2am and <strong>all our customers are affected</strong>. We need someone NOW.</p>"}"#,
            #"{"id":"pdf","text":"How do I export the monthly report as a PDF?\n\n-----Original Message-----\nFrom: Support\nSent: Monday\nSubject: Outage notice\n\nWe had a major outage and our lawyers mention legal action."}"#,
            #"{"id":"gt","text":"> 500 users affected since 9am, the login page is down"}"#,
            #"{"id":"footer","text":"Can you add a second admin to our account?\n\nThis email is confidential and may be legally privileged. If you are not the intended recipient, any use is unlawful and prohibited."}"#,
        ]
        let r = try Binary.run(["score"], stdin: lines.joined(separator: "\n") + "\n")
        XCTAssertEqual(r.status, 0, r.stderr)
        let byID = Dictionary(uniqueKeysWithValues: r.records.compactMap { record -> (String, JSONValue)? in
            guard case .string(let id)? = record["id"] else { return nil }
            return (id, record)
        })
        XCTAssertEqual(byID["reply"]?["escalate"], .bool(false), r.stdout)
        XCTAssertEqual(byID["reply"]?["risks"], .object([]))
        XCTAssertEqual(byID["reply"]?["stripped"], .object([("quoted_lines", .number(2))]))
        XCTAssertEqual(byID["html"]?["escalate"], .bool(true), r.stdout)
        XCTAssertEqual(byID["html"]?["risks"]?["outage"], .array([.string("returning 503")]))
        XCTAssertEqual(byID["pdf"]?["escalate"], .bool(false), r.stdout)
        XCTAssertEqual(byID["gt"]?["escalate"], .bool(true), "the customer's own '> 500 users' is not a quote")
        XCTAssertNil(byID["gt"]?["stripped"])
        XCTAssertEqual(byID["footer"]?["risks"], .object([]), "a footer's 'legally privileged … unlawful' is no legal threat")
        let explain = try Binary.run(["explain", lines[2]])
        XCTAssertTrue(explain.stdout.hasPrefix("scored:    How do I export the monthly report as a PDF?\n"), explain.stdout)
        XCTAssertTrue(explain.stdout.contains("stripped:  quoted_lines 5"), explain.stdout)
    }
}

extension ThreadCLITests {
    /// JSON Lines whose first ticket carries `conversations` (Freshdesk) stay one record per line.
    func testTicketsWithConversationsFirstAreRecordsNotAList() throws {
        let r = try Binary.run(["score"], stdin: better + "\n" + better.replacingOccurrences(of: "\"better\"", with: "\"again\"") + "\n")
        XCTAssertEqual(r.records.map { $0["id"] }, [.string("better"), .string("again")], r.stdout + r.stderr)
    }
}
