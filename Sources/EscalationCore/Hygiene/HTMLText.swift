import Foundation

/// HTML to text in one forward pass, with no element tree (100,000 nested tags cost what
/// 100,000 flat ones do). Tags go, references are decoded once, block elements become line
/// breaks, script/style/title content goes, and the first quoted container (any blockquote,
/// Gmail's quote, Outlook's reply divider) marks where the quoted history begins.
enum HTMLText {
    struct Output {
        var text: [UInt8]
        var tags = 0
        /// Offset in `text` where a quoted container began; it and everything after is history.
        var quoteStart: Int?
    }

    /// Tags that can make a text HTML. An unknown `<word>` (an address like
    /// `<ann@example.com>` in a plain-text mail) does not.
    static let knownTags: Set<[UInt8]> = Set([
        "html", "head", "body", "div", "p", "br", "span", "b", "i", "u", "s", "strong", "em", "a", "table", "tbody",
        "thead", "tr", "td", "th", "font", "blockquote", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "img",
        "hr", "meta", "style", "script", "title", "center", "pre", "section", "article", "header", "footer", "small",
        "sup", "sub", "code", "!doctype",
    ].map { Array($0.utf8) })

    static let lineTags: Set<[UInt8]> = Set(["div", "li", "tr", "dt", "dd", "pre", "center", "section", "article",
                                             "header", "footer", "address", "form", "tbody", "thead", "caption"]
        .map { Array($0.utf8) })
    static let paragraphTags: Set<[UInt8]> = Set(["p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol",
                                                  "hr", "blockquote", "dl"].map { Array($0.utf8) })
    static let cellTags: Set<[UInt8]> = Set(["td", "th"].map { Array($0.utf8) })
    static let blockquote = Array("blockquote".utf8)
    static let skippedTags: Set<[UInt8]> = Set(["script", "style", "title"].map { Array($0.utf8) })

    /// Markers in a `<div>`'s attributes that start quoted history: Gmail, Yahoo, Thunderbird,
    /// Proton, Outlook's reply header ids and its border-top divider styles.
    static let quoteMarkers: [[UInt8]] = [
        "gmail_quote", "yahoo_quoted", "moz-cite-prefix", "protonmail_quote", "divrplyfwdmsg", "appendonsend",
        "border-top:solid #e1e1e1", "border-top: solid #e1e1e1", "border-top:solid #b5c4df",
        "border-top: solid #b5c4df",
    ].map { Array($0.utf8) }
    /// Attributes beyond this are not searched for markers (an inline image can be megabytes).
    static let attributeLimit = 1024

    /// A known closing tag, `<br>` or a document tag: one opening tag alone ("warning: empty <p>
    /// tag" in a pasted build log) leaves the text as it is.
    static func looksLikeHTML(_ s: [UInt8]) -> Bool {
        // memchr from `<` to `<`: most texts that get here are plain, with few or none.
        s.withUnsafeBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            var from = 0
            while from < buffer.count, let hit = memchr(base + from, 0x3C, buffer.count - from) {
                let i = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) - base
                if let tag = tagName(s, at: i), knownTags.contains(tag.name), tag.closing || documentTags.contains(tag.name) {
                    return true
                }
                from = i + 1
            }
            return false
        }
    }
    static let documentTags: Set<[UInt8]> = Set(["br", "html", "body", "head", "meta", "!doctype"].map { Array($0.utf8) })

    /// The lower-cased name of a tag at `start` (`<div`, `</p`, `<!doctype`), where it ends, and
    /// whether it closes; nil unless the name is followed by a space, `>` or `/`.
    static func tagName(_ s: [UInt8], at start: Int) -> (name: [UInt8], end: Int, closing: Bool)? {
        var i = start + 1
        let closing = i < s.count && s[i] == 0x2F
        if closing { i += 1 }
        let nameStart = i
        if i < s.count, s[i] == 0x21, !closing { i += 1 }
        while i < s.count, i - nameStart < 16, isNameByte(s[i]) { i += 1 }
        guard i > nameStart, i < s.count else { return nil }
        let after = s[i]
        guard after == 0x20 || after == 0x3E || after == 0x2F || after == 0x09 || after == 0x0A || after == 0x0D
        else { return nil }
        return (s[nameStart..<i].map(MessageLines.lower), i, closing)
    }

    private static func isNameByte(_ b: UInt8) -> Bool {
        let l = b | 0x20
        return (l >= 0x61 && l <= 0x7A) || (b >= 0x30 && b <= 0x39)
    }

    static func convert(_ s: [UInt8]) -> Output {
        var w = TextWriter(capacity: s.count)
        var scan = HTMLScanner(s)
        var tags = 0
        var quoteStart: Int? = nil
        var i = 0
        let n = s.count
        while i < n {
            let b = s[i]
            if b == 0x3C, let tagEnd = scan.tagEnd(at: i) {
                tags += 1
                var next = tagEnd + 1
                if let tag = tagName(s, at: i) {
                    if !tag.closing, skippedTags.contains(tag.name) {
                        // Content up to the closing tag goes; with no closing tag, the rest goes.
                        if let close = scan.closingTag(tag.name, from: next), let closeEnd = scan.tagEnd(at: close) {
                            tags += 1
                            next = closeEnd + 1
                        } else {
                            next = n
                        }
                    } else if !tag.closing, quoteStart == nil,
                              tag.name == blockquote || isQuoteDivider(s, tag.name, tag.end..<tagEnd) {
                        w.lineBreak()
                        quoteStart = w.out.count
                    } else {
                        layout(tag.name, closing: tag.closing, &w)
                    }
                }
                i = next
            } else if b == 0x26, case .scalar(let v, let next) = HTMLEntities.decode(s, at: i) {
                w.scalar(v)
                i = next
            } else if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C {
                w.space()
                i += 1
            } else {
                w.out.append(b)
                i += 1
            }
        }
        w.trimEnd()
        if let q = quoteStart, q >= w.out.count { quoteStart = nil }
        return Output(text: w.out, tags: tags, quoteStart: quoteStart)
    }

    private static func layout(_ name: [UInt8], closing: Bool, _ w: inout TextWriter) {
        if name == [0x62, 0x72] { w.newline() }  // br
        else if paragraphTags.contains(name) { w.paragraphBreak() }
        else if lineTags.contains(name) { w.lineBreak() }
        else if cellTags.contains(name), closing { w.space() }
    }

    private static func isQuoteDivider(_ s: [UInt8], _ name: [UInt8], _ attributes: Range<Int>) -> Bool {
        guard name == [0x64, 0x69, 0x76] else { return false }  // div
        let bounded = attributes.lowerBound..<min(attributes.upperBound, attributes.lowerBound + attributeLimit)
        let lowered = MessageLines.lowered(s, bounded)
        return quoteMarkers.contains { MessageLines.contains(lowered, $0) }
    }
}
