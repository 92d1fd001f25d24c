@testable import EscalationCore
import XCTest

/// The pre-check that keeps ordinary multi-line tickets off the full pass must see every marker.
final class HygieneMarkerTests: XCTestCase {
    func present(_ s: String) -> Bool { Markers.present(Array(s.utf8)) }

    func testOrdinaryTicketsHaveNoMarker() {
        XCTAssertFalse(present("Export broken\n\nSince the update the CSV export is empty.\nWe have 40 seats.\nThanks, Dana"))
        XCTAssertFalse(present("Subject line\r\nBody line one\r\nBody line two"))
    }

    func testEveryRuleHasAMarker() {
        let cases = [
            "Hi\n<p>html</p>", "Thanks\n> quoted", "Hi\n-- \nDana", "Hi\n-----Original Message-----\nold",
            "Hi\nOn Mon, 1 Dec 2026 at 09:12, Support wrote:\nold", "Hi\nFrom: Support\nSent: Monday\nTo: us\nold",
            "Hi\nDe : Support\nEnvoyé : lundi", "Hi\nSent from my iPhone", "Hi\nVon meinem iPhone gesendet",
            "Hi\n________________________________\nFrom: x", "Hi\n\nThis e-mail is CONFIDENTIAL. If you are not the intended recipient…",
            "Hi\n\nDiese E-Mail ist vertraulich.", "Hi\n\nQuesto messaggio è riservato.", "Hi\n\nDit bericht is vertrouwelijk.",
            "Hi\n\nThis message may be privileged.", "Hi\nBegin forwarded message:\nold",
        ]
        for text in cases {
            XCTAssertTrue(present(text), text)
        }
    }

    /// Whatever the full pass would remove, the pre-check lets through (on the hygiene tests' texts
    /// and on texts built from markers inside ordinary lines).
    func testThePreCheckNeverHidesARemoval() {
        let lines = ["Since the update the export is empty.", "> quoted", "-- ", "Sent from my iPad", "On Tue, 2 Dec 2026, Ann wrote:",
                     "From: A", "Sent: B", "To: C", "Subject: D", "This email is confidential; if you are not the intended recipient delete it.", ""]
        var rng = SeededGenerator(seed: 11)
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 2...7, using: &rng)).map { _ in lines.randomElement(using: &rng)! }.joined(separator: "\n")
            let bytes = Array(text.utf8)
            if !Hygiene.clean(bytes).removed.isEmpty { XCTAssertTrue(Markers.present(bytes), text) }
        }
    }

    /// The notice pre-checks search only the cues' eight-letter cores: every cue must hold one,
    /// in any case and at either end of the text.
    func testEveryConfidentialityCueHoldsACore() {
        func occur(_ s: String) -> Bool { Array(s.utf8).withUnsafeBufferPointer(NoticeCores.occur) }
        for cue in SignatureRules.confidentialityCues {
            let word = String(decoding: cue, as: UTF8.self)
            for text in [word, word.uppercased(), "Hi, " + word.capitalized + ".", word + " x"] {
                XCTAssertTrue(occur(text), text)
            }
        }
        for text in ["", "conf", "confide", "onfiden", "conf iden", "The file is private, not privy.", "convert server vat"] {
            XCTAssertFalse(occur(text), text)
        }
    }
}
