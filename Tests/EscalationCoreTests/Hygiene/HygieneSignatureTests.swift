import EscalationCore
import XCTest

/// Signatures and legal notices: every rule both ways.
final class HygieneSignatureTests: XCTestCase {
    func testDelimiterDropsWhatFollows() {
        let text = "The export fails every time.\n\n-- \nAnn Smith\nAcme Corp | +1 555 0100"
        XCTAssertEqual(cleaned(text).text, "The export fails every time.")
        XCTAssertEqual(cleaned(text).removed, report(signature: 3))
        XCTAssertEqual(cleaned("The export fails.\n--\nAnn").text, "The export fails.")
    }

    func testDashesInsideALineStay() {
        let text = "Step 1 -- restart\n--force did not help\n---"
        XCTAssertEqual(cleaned(text).text, text)
    }

    func testOnlyASignatureStaysAsItWas() {
        for text in ["-- \nAnn Smith\nAcme Corp", "Sent from my iPhone", "\nSent from my iPhone\n"] {
            XCTAssertEqual(cleaned(text).text, text)
            XCTAssertEqual(cleaned(text).removed, HygieneReport())
        }
    }

    func testSentFromLinesInEachLanguage() {
        for line in ["Sent from my iPhone", "Sent from my Samsung Galaxy smartphone.", "Get Outlook for Android",
                     "Von meinem iPhone gesendet", "Envoyé de mon iPhone", "Enviado desde mi iPhone",
                     "Enviado do meu iPhone", "Inviato da iPhone", "Verzonden vanaf mijn iPhone"] {
            let result = cleaned("The app crashes on start.\n\n" + line)
            XCTAssertEqual(result.text, "The app crashes on start.", line)
            XCTAssertEqual(result.removed, report(signature: 1), line)
        }
        XCTAssertEqual(cleaned("It is down again\nSent from my iPad").text, "It is down again")
    }

    func testSentFromThatStartsASentenceStays() {
        let text = "Sent from my phone because the desktop app is down\nsince this morning for everyone."
        XCTAssertEqual(cleaned(text).text, text)
        let alone = "It broke.\n\nSent from my phone because the desktop app is down"
        XCTAssertEqual(cleaned(alone).text, alone)
        let german = "Von meinem Konto wurde doppelt abgebucht\nbitte prüfen"
        XCTAssertEqual(cleaned(german + "\n").text, german + "\n")
    }

    static let notice = """
        CONFIDENTIALITY NOTICE: This e-mail and any attachments are confidential and may be legally
        privileged. If you are not the intended recipient, any use is unlawful and strictly prohibited.
        """

    func testNoticeAfterTheMessageGoes() {
        let text = "Our invoices are wrong again.\n\nRegards,\nAnn\n\n" + Self.notice
        XCTAssertEqual(cleaned(text).text, "Our invoices are wrong again.\n\nRegards,\nAnn")
        XCTAssertEqual(cleaned(text).removed, report(disclaimer: 2))
    }

    func testWrappedNotice() {
        let text = "Still broken.\n\nThis message is Confidential. If you are not the intended\nrecipient, delete it."
        XCTAssertEqual(cleaned(text).text, "Still broken.")
    }

    func testNoticesInEachLanguage() {
        let notices = [
            "Diese E-Mail ist vertraulich. Wenn Sie nicht der richtige Empfänger sind, informieren Sie den Absender.",
            "Ce message est confidentiel. Si vous n'en êtes pas le destinataire, merci de le détruire.",
            "Este mensaje es confidencial. Si usted no es el destinatario, bórrelo.",
            "Esta mensagem é confidencial. Se você não for o destinatário, apague-a.",
            "Questo messaggio è riservato. Se non siete il destinatario, cancellatelo.",
            "Dit bericht is vertrouwelijk. Bent u niet de geadresseerde, verwijder het dan.",
        ]
        for notice in notices {
            XCTAssertEqual(cleaned("Still broken.\n\n" + notice).text, "Still broken.", notice)
        }
    }

    func testCustomersOwnConfidentialStays() {
        let texts = [
            "Hi,\n\nThis is confidential, our lawyers are involved. Your outage leaked our data.",
            "This is confidential and privileged, we will take legal action; it is unlawful and strictly prohibited.",
            "Hello\n\nOur data is confidential and sharing it is strictly prohibited. You leaked it!",
        ]
        for text in texts {
            XCTAssertEqual(cleaned(text).text, text, text)
        }
        // A notice as the whole message, or as its first paragraph, is the customer's text.
        XCTAssertEqual(cleaned(Self.notice).text, Self.notice)
        XCTAssertEqual(cleaned(Self.notice + "\n\nPlease help").text, Self.notice + "\n\nPlease help")
    }

    func testNoticeAndSignatureTogether() {
        let text = "Can you reset my password?\n\nSent from my iPhone\n\n" + Self.notice
        XCTAssertEqual(cleaned(text).text, "Can you reset my password?")
        XCTAssertEqual(cleaned(text).removed, report(signature: 1, disclaimer: 2))
    }
}
