/// Signature and legal-notice markers, in the lexicons' languages.
enum SignatureRules {
    /// Mobile and client sign-offs ("Sent from my iPhone"); a line is one when it starts with a
    /// prefix, has at most five words after it, and is the last line of its paragraph.
    static let sentFromPrefixes: [[UInt8]] = [
        "sent from my ", "sent from mail for ", "sent from outlook", "sent from yahoo mail", "get outlook for ",
        "von meinem ", "gesendet von ", "envoyé de mon ", "envoyé depuis mon ", "enviado desde mi ",
        "enviado do meu ", "enviado de meu ", "enviado a partir do ", "inviato da ", "inviato dal mio ",
        "verzonden vanaf mijn ", "verstuurd vanaf mijn ", "verzonden met ",
    ].map(QuoteRules.b)
    /// By lower-cased first byte, the prefixes starting with it, in `sentFromPrefixes` order.
    static let sentFromPrefixesByInitial: [[[UInt8]]] = (0..<256).map { b in sentFromPrefixes.filter { Int($0[0]) == b } }
    static let sentFromLimit = 80
    static let sentFromWords = 5

    /// A notice paragraph holds a word of each group: confidentiality, and words addressed to a
    /// reader who got the mail by mistake. One group alone is ordinary speech ("this is
    /// confidential, our lawyers are involved").
    static let confidentialityCues: [[UInt8]] = [
        "confidential", "privileged", "vertraulich", "confidentiel", "confidencial", "confidenzial", "riservat",
        "vertrouwelijk",
    ].map(QuoteRules.b)
    static let recipientCues: [[UInt8]] = [
        "intended recipient", "intended solely", "intended only for", "addressee", "received this e-mail", "received this email",
        "received this message", "received this communication", "received this in error", "disclaimer",
        "empfänger", "adressat", "irrtümlich", "destinataire", "destinatario", "destinatário", "geadresseerde",
        "bestemd voor", "haftungsausschluss", "avertissement",
    ].map(QuoteRules.b)
    /// Longer paragraphs are not tested (legal footers are a few hundred bytes; this bounds the cost).
    static let noticeLimit = 8192

    /// "-- " or "--" alone on a line: the signature delimiter.
    static func isDelimiter(_ text: [UInt8], _ line: Range<Int>) -> Bool {
        var hi = line.upperBound
        if hi - line.lowerBound == 3, text[hi - 1] == 0x20 { hi -= 1 }
        return hi - line.lowerBound == 2 && text[line.lowerBound] == 0x2D && text[line.lowerBound + 1] == 0x2D
    }

    static func isSentFrom(_ text: [UInt8], _ line: Range<Int>) -> Bool {
        let t = MessageLines.trim(text, line)
        guard t.count <= sentFromLimit else { return false }
        guard let initial = t.first.map({ MessageLines.lower(text[$0]) }),
              let prefix = sentFromPrefixesByInitial[Int(initial)].first(where: { MessageLines.hasPrefix(text, t, $0) })
        else { return false }
        // A device name is a few words; "Sent from my phone because the app is down" is a sentence.
        let words = text[(t.lowerBound + prefix.count)..<t.upperBound].split(separator: 0x20).count
        guard words <= sentFromWords else { return false }
        // German puts the verb last: "Von meinem iPhone gesendet".
        if prefix == QuoteRules.b("von meinem ") { return MessageLines.hasSuffix(text, t, QuoteRules.b("gesendet")) }
        return true
    }

    /// Whether the lines form a confidentiality / legal notice. Most paragraphs have no
    /// confidentiality word, so that group is tested first, in one pass over the bytes.
    static func isNotice(_ text: [UInt8], _ lines: ArraySlice<Range<Int>>) -> Bool {
        guard let first = lines.first, let last = lines.last,
              last.upperBound - first.lowerBound <= noticeLimit else { return false }
        // The paragraph's lines are contiguous and the cores all letters, so one core search over
        // the span rules out most paragraphs before the byte-by-byte cue pass.
        guard text.withUnsafeBufferPointer({ NoticeCores.occur(in: UnsafeBufferPointer(rebasing: $0[first.lowerBound..<last.upperBound])) }),
              lines.contains(where: { confidentiality.occurs(in: text, $0) }) else { return false }
        // Rare from here on; the lines are joined so "intended\nrecipient" matches.
        var lowered: [UInt8] = []
        for line in lines {
            lowered.append(contentsOf: MessageLines.lowered(text, line))
            lowered.append(0x20)
        }
        return recipientCues.contains { MessageLines.contains(lowered, $0) }
    }

    static let confidentiality = CueSet(confidentialityCues)
}

/// Lower-case single-word cues found in one pass over a line: each byte is checked only against
/// the cues that start with it (ASCII case ignored).
struct CueSet: Sendable {
    private let byFirstByte: [[[UInt8]]]
    /// Whether some cue starts with the byte: the common case is one table read a byte.
    private let starts: [Bool]

    init(_ cues: [[UInt8]]) {
        var table = [[[UInt8]]](repeating: [], count: 256)
        for cue in cues { table[Int(cue[0])].append(cue) }
        byFirstByte = table
        starts = (0..<256).map { b in cues.contains { Int(MessageLines.lower($0[0])) == b || Int($0[0]) == b } }
    }

    func occurs(in text: [UInt8], _ range: Range<Int>) -> Bool {
        var i = range.lowerBound
        while i < range.upperBound {
            let first = MessageLines.lower(text[i])
            guard starts[Int(first)] else { i += 1; continue }
            for cue in byFirstByte[Int(first)] where i + cue.count <= range.upperBound {
                var k = 1
                while k < cue.count, MessageLines.lower(text[i + k]) == cue[k] { k += 1 }
                if k == cue.count { return true }
            }
            i += 1
        }
        return false
    }
}
