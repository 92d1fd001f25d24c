/// What hygiene removed from one message, in counts a person can check against the text.
public struct HygieneReport: Sendable, Equatable {
    /// Tags removed (each `<…>`, comment or doctype counts one).
    public var htmlTags = 0
    /// Non-blank lines of quoted replies or forwarded history removed.
    public var quotedLines = 0
    /// Non-blank signature lines removed (the `-- ` block, "Sent from my …").
    public var signatureLines = 0
    /// Non-blank lines of confidentiality / legal notices removed.
    public var disclaimerLines = 0

    public init() {}

    public var isEmpty: Bool { htmlTags == 0 && quotedLines == 0 && signatureLines == 0 && disclaimerLines == 0 }

    public static func + (a: Self, b: Self) -> Self {
        var sum = a
        sum.htmlTags += b.htmlTags
        sum.quotedLines += b.quotedLines
        sum.signatureLines += b.signatureLines
        sum.disclaimerLines += b.disclaimerLines
        return sum
    }
}

/// The customer's own words of one message: HTML to text, then quoted history, signatures and
/// legal notices removed. Precision before recall: a rule fires only on a clear marker, and a
/// message is never made empty (see `clean`).
public enum Hygiene {
    /// The message's own words; `utf8` must be valid UTF-8 and the result is valid UTF-8.
    /// Returns the input unchanged (same array, no copy) when there is nothing to do.
    ///
    /// If the removals would leave no letter or digit (a message that is only a quote, a
    /// signature or a notice), they are undone: an HTML message comes back as its whole text
    /// with only `htmlTags` reported, a plain one unchanged with an empty report.
    public static func clean(_ utf8: [UInt8]) -> (utf8: [UInt8], removed: HygieneReport) {
        if !mayNeedWork(utf8) || !Markers.present(utf8) { return (utf8, HygieneReport()) }
        var report = HygieneReport()
        var text = utf8
        var wholeHTMLText: [UInt8]? = nil
        if HTMLText.looksLikeHTML(utf8) {
            let html = HTMLText.convert(utf8)
            report.htmlTags = html.tags
            if let cut = html.quoteStart {
                report.quotedLines = MessageLines.nonBlankLineCount(html.text[cut...])
                text = MessageLines.trimmed(Array(html.text[..<cut]))
            } else {
                text = html.text
            }
            wholeHTMLText = html.text
        }
        let own = OwnWords.strip(text)
        if let stripped = own.text {
            text = stripped
            report.quotedLines += own.quotedLines
            report.signatureLines += own.signatureLines
            report.disclaimerLines += own.disclaimerLines
        }
        if MessageLines.hasWords(text[...]) { return report.isEmpty ? (utf8, report) : (text, report) }
        // Everything was history or boilerplate: keep the message rather than score nothing.
        if let whole = wholeHTMLText, MessageLines.hasWords(whole[...]) {
            var htmlOnly = HygieneReport()
            htmlOnly.htmlTags = report.htmlTags
            return (whole, htmlOnly)
        }
        return (utf8, HygieneReport())
    }

    /// The fast path: a text with none of `<` `>` `&`, no line break and no `--` has nothing any
    /// rule could remove (every marker is a tag, a `>` quote, an entity, a line of its own or a
    /// `--` line). One pass over the bytes through a 256-entry table.
    static func mayNeedWork(_ utf8: [UInt8]) -> Bool {
        var previousDash = false
        for byte in utf8 {
            if interesting[Int(byte)] {
                if byte != UInt8(ascii: "-") || previousDash { return true }
                previousDash = true
            } else {
                previousDash = false
            }
        }
        return false
    }

    private static let interesting: [Bool] = (0..<256).map { b in
        b == 0x3C || b == 0x3E || b == 0x26 || b == 0x0A || b == 0x0D || b == 0x2D
    }
}
