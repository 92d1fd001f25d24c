/// The line pass over plain text: marks quoted history, signatures and notices, then rebuilds
/// the text from the lines left. Each test looks at a bounded part of a line, so the pass is
/// linear in the text.
enum OwnWords {
    enum Kind { case own, quote, signature, disclaimer }

    struct Result {
        /// nil when nothing was removed.
        var text: [UInt8]?
        var quotedLines = 0, signatureLines = 0, disclaimerLines = 0
    }

    static func strip(_ text: [UInt8]) -> Result {
        let lines = MessageLines.ranges(text)
        var kinds = [Kind](repeating: .own, count: lines.count)
        markQuotes(text, lines, &kinds)
        markSignature(text, lines, &kinds)
        // A notice holds a confidentiality cue, so a text without one's core has none.
        if text.withUnsafeBufferPointer(NoticeCores.occur) { markNotices(text, lines, &kinds) }
        markSentFrom(text, lines, &kinds)

        var result = Result()
        var removedAny = false
        for (k, kind) in kinds.enumerated() where kind != .own {
            removedAny = true
            if MessageLines.isBlank(text, lines[k]) { continue }
            switch kind {
            case .quote: result.quotedLines += 1
            case .signature: result.signatureLines += 1
            case .disclaimer: result.disclaimerLines += 1
            case .own: break
            }
        }
        if removedAny { result.text = rebuild(text, lines, kinds) }
        return result
    }

    /// `>` lines, and history headers with everything below them. An attribution ("On … wrote:")
    /// followed by `>` lines only removes itself and that quote: text after it is an
    /// interleaved or bottom-posted reply, the customer's own.
    static func markQuotes(_ text: [UInt8], _ lines: [Range<Int>], _ kinds: inout [Kind]) {
        var i = 0
        while i < lines.count {
            if QuoteRules.isQuote(text, lines[i]) { kinds[i] = .quote; i += 1; continue }
            if let length = QuoteRules.attributionLength(text, lines, at: i) {
                var j = i + length
                while j < lines.count, MessageLines.isBlank(text, lines[j]) { j += 1 }
                if j < lines.count, QuoteRules.startsWithGreaterThan(text, lines[j]) {
                    for k in i..<j { kinds[k] = .quote }
                    while j < lines.count, QuoteRules.startsWithGreaterThan(text, lines[j]) { kinds[j] = .quote; j += 1 }
                    i = j
                    continue
                }
                cut(at: i, text, lines, &kinds)
                return
            }
            if QuoteRules.isSeparator(text, lines[i]) || QuoteRules.isHeaderBlock(text, lines, at: i) {
                cut(at: i, text, lines, &kinds)
                return
            }
            i += 1
        }
    }

    /// History from line `start` to the end, with the blank and divider lines just above it.
    private static func cut(at start: Int, _ text: [UInt8], _ lines: [Range<Int>], _ kinds: inout [Kind]) {
        var from = start
        while from > 0, kinds[from - 1] == .own,
              MessageLines.isBlank(text, lines[from - 1]) || QuoteRules.isRule(text, lines[from - 1]) { from -= 1 }
        for k in from..<lines.count { kinds[k] = .quote }
    }

    /// The `-- ` delimiter and every own line after it.
    static func markSignature(_ text: [UInt8], _ lines: [Range<Int>], _ kinds: inout [Kind]) {
        guard let start = lines.indices.first(where: { kinds[$0] == .own && SignatureRules.isDelimiter(text, lines[$0]) })
        else { return }
        for k in start..<lines.count where kinds[k] == .own { kinds[k] = .signature }
    }

    /// Notice paragraphs after the first paragraph that has words.
    static func markNotices(_ text: [UInt8], _ lines: [Range<Int>], _ kinds: inout [Kind]) {
        var sawOwnParagraph = false
        forEachParagraph(text, lines, kinds) { paragraph in
            if sawOwnParagraph, SignatureRules.isNotice(text, paragraph.map { lines[$0] }[...]) {
                for k in paragraph { kinds[k] = .disclaimer }
            } else if paragraph.contains(where: { MessageLines.hasWords(text[lines[$0]]) }) {
                sawOwnParagraph = true
            }
        }
    }

    /// "Sent from my iPhone" and the like, when it ends its paragraph.
    static func markSentFrom(_ text: [UInt8], _ lines: [Range<Int>], _ kinds: inout [Kind]) {
        forEachParagraph(text, lines, kinds) { paragraph in
            if let last = paragraph.last, SignatureRules.isSentFrom(text, lines[last]) { kinds[last] = .signature }
        }
    }

    /// Runs of own, non-blank lines; blank lines and removed lines separate them.
    private static func forEachParagraph(_ text: [UInt8], _ lines: [Range<Int>], _ kinds: [Kind],
                                         _ body: ([Int]) -> Void) {
        var paragraph: [Int] = []
        for k in lines.indices {
            if kinds[k] == .own, !MessageLines.isBlank(text, lines[k]) {
                paragraph.append(k)
            } else if !paragraph.isEmpty {
                body(paragraph)
                paragraph.removeAll(keepingCapacity: true)
            }
        }
        if !paragraph.isEmpty { body(paragraph) }
    }

    /// The own lines joined by `\n`, without leading or trailing blank lines and with at most
    /// one blank line in a row (removals leave gaps).
    static func rebuild(_ text: [UInt8], _ lines: [Range<Int>], _ kinds: [Kind]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var pendingBlank = false
        for (k, line) in lines.enumerated() where kinds[k] == .own {
            if MessageLines.isBlank(text, line) {
                pendingBlank = !out.isEmpty
                continue
            }
            if !out.isEmpty { out.append(0x0A) }
            if pendingBlank { out.append(0x0A) }
            pendingBlank = false
            out.append(contentsOf: text[line])
        }
        return out
    }
}
