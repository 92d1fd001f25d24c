import Foundation

/// Whether a multi-line text has anything a rule starts from, found without building lines:
/// most tickets have line breaks and nothing to remove, and must cost next to nothing.
/// A true answer only sends the text to the full pass; it never removes anything itself.
enum Markers {
    /// The confidentiality cues, found from a rarer letter inside them (memchr finds those many
    /// bytes at a time): "con·f·iden", "pri·v·ileg", "·v·ertraulich", "rise·v·at", "·v·ertrouwelijk".
    /// (letter, bytes before it, bytes after it), compared ignoring ASCII case.
    static let noticeAnchors: [(UInt8, [UInt8], [UInt8])] = [
        (UInt8(ascii: "f"), Array("con".utf8), Array("iden".utf8)),
        (UInt8(ascii: "v"), Array("pri".utf8), Array("ileg".utf8)),
        (UInt8(ascii: "v"), [], Array("ertraul".utf8)),
        (UInt8(ascii: "v"), Array("riser".utf8), Array("at".utf8)),
        (UInt8(ascii: "v"), [], Array("ertrouw".utf8)),
    ]


    /// By byte: some "Sent from my …" prefix starts with it.
    static let signOffInitial: [Bool] = (0..<256).map { b in SignatureRules.sentFromPrefixes.contains { Int($0[0]) == b } }

    /// A legal footer is a few hundred bytes; its cue lies this close to the end.
    static let footerWindow = 2048

    static func present(_ text: [UInt8]) -> Bool {
        text.withUnsafeBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress, buffer.count > 0 else { return false }
            // Markup: the HTML pass decides whether it really is HTML.
            if memchr(base, 0x3C, buffer.count) != nil { return true }
            var start = 0
            while start < buffer.count {
                let end = memchr(base + start, 0x0A, buffer.count - start).map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base } ?? buffer.count
                if lineHasMarker(text, start..<end) { return true }
                start = end + 1
            }
            // Without any other marker a notice can only be the footer: its last paragraphs.
            let window = min(buffer.count, footerWindow)
            return hasNoticeCue(UnsafeBufferPointer(rebasing: buffer[(buffer.count - window)...]))
        }
    }

    /// `>` quotes, `-`/`_`/`=`/`*` rules, separators and bold labels, a sender label ("From:",
    /// "De :") that may open a header block, an attribution's `:` at the end, a "Sent from my …" line.
    private static func lineHasMarker(_ text: [UInt8], _ line: Range<Int>) -> Bool {
        let t = MessageLines.trim(text, line)
        guard let first = t.first else { return false }
        switch text[first] {
        case UInt8(ascii: ">"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "="), UInt8(ascii: "*"): return true
        default: break
        }
        var last = t.upperBound - 1
        while last > t.lowerBound, text[last] == 0x0D { last -= 1 }
        if text[last] == UInt8(ascii: ":") { return true }
        if startsWithSenderLabel(text, t) { return true }
        // Most lines stop at the initial: few letters start a sign-off.
        return signOffInitial[Int(MessageLines.lower(text[first]))]
            && t.count <= SignatureRules.sentFromLimit && SignatureRules.isSentFrom(text, t)
    }

    private static func hasNoticeCue(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        let base = text.baseAddress!, n = text.count
        for letter in [UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "v"), UInt8(ascii: "V")] {
            var from = 0
            while from < n, let hit = memchr(base + from, Int32(letter), n - from) {
                let i = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) - base
                for (anchor, before, after) in noticeAnchors where anchor == letter | 0x20 {
                    if i >= before.count, i + after.count < n,
                       matches(text, at: i - before.count, before), matches(text, at: i + 1, after) { return true }
                }
                from = i + 1
            }
        }
        return false
    }

    private static func matches(_ text: UnsafeBufferPointer<UInt8>, at start: Int, _ lower: [UInt8]) -> Bool {
        for (k, b) in lower.enumerated() where MessageLines.lower(text[start + k]) != b { return false }
        return true
    }

    /// The line starts with a header block's sender label and its colon ("From:", "Von :").
    private static func startsWithSenderLabel(_ text: [UInt8], _ t: Range<Int>) -> Bool {
        var end = t.lowerBound
        while end < t.upperBound, end - t.lowerBound < 5, MessageLines.lower(text[end]) >= 0x61, MessageLines.lower(text[end]) <= 0x7A { end += 1 }
        guard end > t.lowerBound, QuoteRules.senderLabels.contains(text[t.lowerBound..<end].map(MessageLines.lower)) else { return false }
        while end < t.upperBound, text[end] == 0x20 { end += 1 }
        return end < t.upperBound && text[end] == UInt8(ascii: ":")
    }
}
