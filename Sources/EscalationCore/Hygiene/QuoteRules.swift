/// The markers of quoted replies and forwarded history, in the lexicons' languages
/// (English, German, French, Spanish, Portuguese, Italian, Dutch). Data, not code: a language
/// is a row in each table.
enum QuoteRules {
    /// "On <date>, <name> wrote:" and its translations: the line starts with `opener`, contains
    /// `verb`, ends with `:` and holds a digit (every mail client puts the date there, which
    /// keeps "On Monday we wrote to you:" a sentence). `verbLast`: the verb ends the line.
    struct Attribution { let opener: [UInt8]; let verb: [UInt8]; let verbLast: Bool }

    static let attributions: [Attribution] = [
        .init(opener: b("on "), verb: b("wrote"), verbLast: true),
        .init(opener: b("am "), verb: b("schrieb"), verbLast: false),
        .init(opener: b("le "), verb: b("a écrit"), verbLast: true),
        .init(opener: b("el "), verb: b("escribió"), verbLast: true),
        .init(opener: b("em "), verb: b("escreveu"), verbLast: true),
        .init(opener: b("il "), verb: b("ha scritto"), verbLast: true),
        .init(opener: b("op "), verb: b("schreef"), verbLast: false),
    ]

    /// Separator lines such as "-----Original Message-----", compared without the dashes and
    /// spaces around them.
    static let separators: [[UInt8]] = [
        "original message", "forwarded message", "ursprüngliche nachricht", "weitergeleitete nachricht",
        "message d'origine", "message transféré", "mensaje original", "mensaje reenviado",
        "mensagem original", "mensagem encaminhada", "messaggio originale", "messaggio inoltrato",
        "oorspronkelijk bericht", "doorgestuurd bericht",
    ].map(b)

    /// Apple Mail's forward line and its translations (the whole line, colon included).
    static let forwardLines: [[UInt8]] = [
        "begin forwarded message:", "anfang der weitergeleiteten nachricht:", "début du message réexpédié :",
        "début du message réexpédié:", "inicio del mensaje reenviado:", "início da mensagem reencaminhada:",
        "inizio messaggio inoltrato:", "begin doorgestuurd bericht:",
    ].map(b)

    /// Outlook's header block: a sender line, then within `headerWindow` lines a date line and a
    /// recipient or subject line. Labels are compared without `*` (bold in plain text) and spaces.
    static let senderLabels: Set<[UInt8]> = Set(["from", "von", "de", "da", "van"].map(b))
    static let dateLabels: Set<[UInt8]> = Set([
        "sent", "date", "gesendet", "datum", "envoyé", "enviado", "enviada", "fecha", "data", "inviato",
        "verzonden", "verstuurd",
    ].map(b))
    static let recipientLabels: Set<[UInt8]> = Set([
        "to", "cc", "subject", "an", "betreff", "à", "À", "objet", "para", "asunto", "assunto", "a", "oggetto",
        "aan", "onderwerp",
    ].map(b))
    static let headerWindow = 6

    /// The longest line an attribution may span (two wrapped lines together).
    static let attributionLimit = 400

    static func b(_ s: String) -> [UInt8] { Array(s.utf8) }

    // MARK: - Line tests

    /// A `>` quote line. "> 500 users affected" and ">= 3 times" are the customer's comparisons:
    /// a `>` followed by optional spaces and a digit, or by `=`, is not a quote.
    static func isQuote(_ text: [UInt8], _ line: Range<Int>) -> Bool {
        let t = MessageLines.trim(text, line)
        guard !t.isEmpty, text[t.lowerBound] == 0x3E else { return false }
        var i = t.lowerBound + 1
        if i < t.upperBound, text[i] == 0x3D { return false }
        while i < t.upperBound, text[i] == 0x20 { i += 1 }
        return !(i < t.upperBound && text[i] >= 0x30 && text[i] <= 0x39)
    }

    static func startsWithGreaterThan(_ text: [UInt8], _ line: Range<Int>) -> Bool {
        let t = MessageLines.trim(text, line)
        return !t.isEmpty && text[t.lowerBound] == 0x3E
    }

    /// How many lines (1 or 2) an attribution starting at `index` spans, or nil.
    static func attributionLength(_ text: [UInt8], _ lines: [Range<Int>], at index: Int) -> Int? {
        let first = MessageLines.trim(text, lines[index])
        // Most lines stop at the initial: only openers starting with it are compared.
        guard first.count <= attributionLimit, let start = first.first else { return nil }
        let initial = MessageLines.lower(text[start])
        guard let rule = attributions.first(where: { $0.opener[0] == initial && MessageLines.hasPrefix(text, first, $0.opener) })
        else { return nil }
        if isAttribution(MessageLines.lowered(text, first), rule) { return 1 }
        guard index + 1 < lines.count, text[first.upperBound - 1] != 0x3A else { return nil }
        let second = MessageLines.trim(text, lines[index + 1])
        guard !second.isEmpty, first.count + second.count < attributionLimit else { return nil }
        let joined = MessageLines.lowered(text, first) + [0x20] + MessageLines.lowered(text, second)
        return isAttribution(joined, rule) ? 2 : nil
    }

    private static func isAttribution(_ lowered: [UInt8], _ rule: Attribution) -> Bool {
        guard lowered.last == 0x3A, lowered.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        if rule.verbLast {
            var end = lowered.count - 1
            while end > 0, lowered[end - 1] == 0x20 { end -= 1 }
            return Array(lowered[..<end]).suffix(rule.verb.count).elementsEqual(rule.verb)
        }
        return MessageLines.contains(lowered, [0x20] + rule.verb + [0x20])
    }

    /// "-----Original Message-----", "----- Forwarded message -----", "Begin forwarded message:" …
    static func isSeparator(_ text: [UInt8], _ line: Range<Int>) -> Bool {
        let t = MessageLines.trim(text, line)
        guard t.count <= 80, !t.isEmpty else { return false }
        if forwardLines.contains(where: { $0.count == t.count && MessageLines.hasPrefix(text, t, $0) }) { return true }
        var lo = t.lowerBound, hi = t.upperBound
        while lo < hi, text[lo] == 0x2D || text[lo] == 0x20 { lo += 1 }
        while hi > lo, text[hi - 1] == 0x2D || text[hi - 1] == 0x20 { hi -= 1 }
        guard lo - t.lowerBound >= 2 else { return false }
        return separators.contains(where: { $0.count == hi - lo && MessageLines.hasPrefix(text, lo..<hi, $0) })
    }

    /// Outlook's "From: / Sent: / To: / Subject:" block starting at `index`.
    static func isHeaderBlock(_ text: [UInt8], _ lines: [Range<Int>], at index: Int) -> Bool {
        // Every sender label starts with d, f or v (or `*` for bold): most lines stop here.
        let t = MessageLines.trim(text, lines[index])
        guard let initial = t.first.map({ MessageLines.lower(text[$0]) }),
              initial == 0x64 || initial == 0x66 || initial == 0x76 || initial == 0x2A,
              let first = label(text, lines[index]), senderLabels.contains(first) else { return false }
        var sawDate = false, sawRecipient = false
        for j in (index + 1)..<min(lines.count, index + 1 + headerWindow) {
            guard let l = label(text, lines[j]) else { continue }
            if dateLabels.contains(l) { sawDate = true }
            if recipientLabels.contains(l) { sawRecipient = true }
            if sawDate && sawRecipient { return true }
        }
        return false
    }

    /// The lower-cased label before a line's first `:` ("*From:* x" → "from"), or nil.
    static func label(_ text: [UInt8], _ line: Range<Int>) -> [UInt8]? {
        let t = MessageLines.trim(text, line)
        var end = t.lowerBound
        let limit = min(t.upperBound, t.lowerBound + 24)
        while end < limit, text[end] != 0x3A { end += 1 }
        guard end < limit else { return nil }
        var lo = t.lowerBound, hi = end
        while lo < hi, text[lo] == 0x2A || text[lo] == 0x20 { lo += 1 }
        while hi > lo, text[hi - 1] == 0x2A || text[hi - 1] == 0x20 { hi -= 1 }
        if hi - lo >= 2, text[hi - 2] == 0xC2, text[hi - 1] == 0xA0 { hi -= 2 }
        return hi > lo ? MessageLines.lowered(text, lo..<hi) : nil
    }

    /// A line of only `_ - = *` (Outlook's "________" divider before a header block).
    static func isRule(_ text: [UInt8], _ line: Range<Int>) -> Bool {
        let t = MessageLines.trim(text, line)
        return t.count >= 3 && text[t].allSatisfy { $0 == 0x5F || $0 == 0x2D || $0 == 0x3D || $0 == 0x2A }
    }
}
