import EscalationCore
import XCTest

func cleaned(_ text: String) -> (text: String, removed: HygieneReport) {
    let result = Hygiene.clean(Array(text.utf8))
    return (String(decoding: result.utf8, as: UTF8.self), result.removed)
}

func report(html: Int = 0, quoted: Int = 0, signature: Int = 0, disclaimer: Int = 0) -> HygieneReport {
    var r = HygieneReport()
    r.htmlTags = html
    r.quotedLines = quoted
    r.signatureLines = signature
    r.disclaimerLines = disclaimer
    return r
}

/// Quoted replies and forwarded history: every rule both ways.
final class HygieneQuoteTests: XCTestCase {
    func testIssueReplyQuotingTheAgent() {
        let text = """
            Thanks, that fixed it!

            > We are sorry about the outage yesterday. Our engineers recovered from the data loss
            > incident and the security breach is contained.
            """
        XCTAssertEqual(cleaned(text).text, "Thanks, that fixed it!")
        XCTAssertEqual(cleaned(text).removed, report(quoted: 2))
    }

    func testComparisonsAreTheCustomersWords() {
        let text = "Impact is huge:\n> 500 users affected\n>= 3 regions down\n>20 sites"
        XCTAssertEqual(cleaned(text).text, text)
        XCTAssertEqual(cleaned(text).removed, HygieneReport())
    }

    func testNestedQuotesGo() {
        XCTAssertEqual(cleaned("Still broken.\n>> old\n> older\n>\n").text, "Still broken.")
    }

    func testAttributionWithEverythingBelow() {
        let text = """
            Can you send the invoice as PDF?

            On Tue, Dec 1, 2026 at 10:04 AM Support Team <help@example.com> wrote:
            We had an outage and are facing legal action.
            Regards
            """
        XCTAssertEqual(cleaned(text).text, "Can you send the invoice as PDF?")
        XCTAssertEqual(cleaned(text).removed, report(quoted: 3))
    }

    func testAttributionWrappedOverTwoLines() {
        let text = "Works now.\n\nOn Tue, Dec 1, 2026 at 10:04 AM Support Team\n<help@example.com> wrote:\nold text"
        XCTAssertEqual(cleaned(text).text, "Works now.")
    }

    func testSentencesLikeAttributionsStay() {
        for text in ["Hello,\nOn Monday we wrote to you about the outage\nand nobody answered.",
                     "Hello,\nOn Monday you wrote:\nthe fix is coming. It did not.",
                     "Hi\nOn 3 servers the sync wrote nothing\nat all"] {
            XCTAssertEqual(cleaned(text).text, text, text)
        }
    }

    func testBottomPostedReplyKeepsTheReply() {
        let text = "On 01/12/2026 10:00, Agent <a@example.com> wrote:\n> Did the restart help?\n\nNo, it is still down for 200 users."
        XCTAssertEqual(cleaned(text).text, "No, it is still down for 200 users.")
        XCTAssertEqual(cleaned(text).removed, report(quoted: 2))
    }

    func testNumbersInsideAnAttributedQuoteGoWithIt() {
        let text = "Fine now.\n\nOn 30 Nov 2026, at 09:00, Agent <a@example.com> wrote:\n> We saw\n> 500 errors\n>\n> 3 regions down"
        XCTAssertEqual(cleaned(text).text, "Fine now.")
        XCTAssertEqual(cleaned(text).removed, report(quoted: 5))
    }

    func testIssueOriginalMessage() {
        let text = """
            Hi, how do I export this report as a PDF?

            -----Original Message-----
            From: Acme Support
            Subject: Outage notice
            Our platform suffered a major outage. Customers are threatening legal action.
            """
        XCTAssertEqual(cleaned(text).text, "Hi, how do I export this report as a PDF?")
        XCTAssertEqual(cleaned(text).removed.quotedLines, 4)
    }

    func testForwardedMessage() {
        XCTAssertEqual(cleaned("FYI\n\n---------- Forwarded message ---------\nFrom: x\nangry text").text, "FYI")
        XCTAssertEqual(cleaned("See below.\n\nBegin forwarded message:\n\nFrom: x\nangry").text, "See below.")
    }

    func testOutlookHeaderBlock() {
        let text = """
            Please close the ticket.

            ________________________________
            From: Support <help@example.com>
            Sent: Monday, November 30, 2026 9:12 AM
            To: Ann <ann@example.com>
            Subject: RE: outage
            We are investigating the outage.
            """
        XCTAssertEqual(cleaned(text).text, "Please close the ticket.")
        XCTAssertEqual(cleaned(text).removed, report(quoted: 6))
    }

    func testFromLineAloneIsNotAHeader() {
        let text = "From: the billing team\nWe were charged twice.\nPlease refund."
        XCTAssertEqual(cleaned(text).text, text)
        let dashes = "Step one -- restart\n---- Original plan ----\nstill failing"
        XCTAssertEqual(cleaned(dashes).text, dashes)
    }

    func testEveryLanguagesHeaders() {
        let own = "Das Problem besteht weiterhin."
        let histories = [
            // German
            "Am 01.12.2026 um 10:00 schrieb Support <s@example.com>:\nalter Text",
            "-----Ursprüngliche Nachricht-----\nalter Text",
            "Von: Support\nGesendet: Montag, 30. November 2026 09:12\nAn: Ann\nBetreff: Ausfall\nalter Text",
            // French
            "Le 1 déc. 2026 à 10:00, Support <s@example.com> a écrit :\nancien texte",
            "-----Message d'origine-----\nancien texte",
            "De : Support\nEnvoyé : lundi 30 novembre 2026 09:12\nÀ : Ann\nObjet : Panne\nancien texte",
            // Spanish
            "El 1 dic 2026, a las 10:00, Soporte <s@example.com> escribió:\ntexto antiguo",
            "-----Mensaje original-----\ntexto antiguo",
            "De: Soporte\nEnviado: lunes, 30 de noviembre de 2026 9:12\nPara: Ann\nAsunto: Caída\ntexto antiguo",
            // Portuguese
            "Em 1 de dez. de 2026, às 10:00, Suporte <s@example.com> escreveu:\ntexto antigo",
            "-----Mensagem original-----\ntexto antigo",
            "De: Suporte\nEnviada: segunda-feira, 30 de novembro de 2026 09:12\nPara: Ann\nAssunto: Falha\ntexto antigo",
            // Italian
            "Il giorno 1 dic 2026, alle ore 10:00 Supporto <s@example.com> ha scritto:\ntesto vecchio",
            "-----Messaggio originale-----\ntesto vecchio",
            "Da: Supporto\nInviato: lunedì 30 novembre 2026 09:12\nA: Ann\nOggetto: Guasto\ntesto vecchio",
            // Dutch
            "Op 1 dec. 2026 om 10:00 schreef Support <s@example.com>:\noude tekst",
            "-----Oorspronkelijk bericht-----\noude tekst",
            "Van: Support\nVerzonden: maandag 30 november 2026 09:12\nAan: Ann\nOnderwerp: Storing\noude tekst",
        ]
        for history in histories {
            let result = cleaned(own + "\n\n" + history)
            XCTAssertEqual(result.text, own, history)
            XCTAssertEqual(result.removed.quotedLines, history.split(separator: "\n").count, history)
        }
    }

    func testOnlyHistoryKeepsTheMessage() {
        for text in ["> all quoted\n> here", "-----Original Message-----\nFrom: x\nthe outage",
                     "On Tue, Dec 1, 2026 at 10:04 AM Ann <a@example.com> wrote:\n> hi"] {
            XCTAssertEqual(cleaned(text).text, text)
            XCTAssertEqual(cleaned(text).removed, HygieneReport())
        }
    }

    func testReportsAddUp() {
        let sum = report(html: 1, quoted: 2) + report(quoted: 3, signature: 4, disclaimer: 5)
        XCTAssertEqual(sum, report(html: 1, quoted: 5, signature: 4, disclaimer: 5))
        XCTAssertFalse(sum.isEmpty)
        XCTAssertTrue(HygieneReport().isEmpty)
        XCTAssertFalse(report(disclaimer: 1).isEmpty)
    }

    func testCRLFLines() {
        XCTAssertEqual(cleaned("Fixed, thanks.\r\n\r\n> old outage\r\n").text, "Fixed, thanks.")
    }
}
