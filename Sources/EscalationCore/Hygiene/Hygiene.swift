import Foundation

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
    /// `--` line). One memchr per marker byte.
    static func mayNeedWork(_ utf8: [UInt8]) -> Bool {
        // memchr per marker byte: many bytes per instruction, where a byte loop costs several each.
        utf8.withUnsafeBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress, buffer.count > 0 else { return false }
            let n = buffer.count
            // Line breaks first: nearly every ticket has one, found within its first line.
            for byte in [0x0A, 0x0D, UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&")] where memchr(base, Int32(byte), n) != nil {
                return true
            }
            var from = 0
            while from < n, let hit = memchr(base + from, 0x2D, n - from) {
                let i = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) - base
                if i + 1 < n, base[i + 1] == 0x2D { return true }
                from = i + 1
            }
            return false
        }
    }

}
