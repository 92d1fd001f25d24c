import Foundation

/// Whether a multi-line text has anything a rule starts from, found without building lines:
/// most tickets have line breaks and nothing to remove, and must cost next to nothing.
/// A true answer only sends the text to the full pass; it never removes anything itself.
enum Markers {
    /// By byte: some "Sent from my …" prefix starts with it.
    static let signOffInitial: [Bool] = SignatureRules.sentFromPrefixesByInitial.map { !$0.isEmpty }

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
            return NoticeCores.occur(in: UnsafeBufferPointer(rebasing: buffer[(buffer.count - window)...]))
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

    /// By byte: some sender label starts with it; most lines stop at their initial.
    static let senderLabelInitial: [Bool] = (0..<256).map { b in QuoteRules.senderLabels.contains { Int($0[0]) == b } }
    /// The sender labels as `packedLetters` codes.
    static let senderLabelCodes: [UInt64] = QuoteRules.senderLabels.map { $0.reduce(0) { $0 << 8 | UInt64($1) } }

    /// The line starts with a header block's sender label and its colon ("From:", "Von :").
    private static func startsWithSenderLabel(_ text: [UInt8], _ t: Range<Int>) -> Bool {
        guard senderLabelInitial[Int(MessageLines.lower(text[t.lowerBound]))] else { return false }
        // Up to five leading letters, lower-cased, packed into one integer: no array per line.
        var end = t.lowerBound
        var packedLetters: UInt64 = 0
        while end < t.upperBound, end - t.lowerBound < 5 {
            let letter = MessageLines.lower(text[end])
            guard letter >= 0x61, letter <= 0x7A else { break }
            packedLetters = packedLetters << 8 | UInt64(letter)
            end += 1
        }
        guard end > t.lowerBound, senderLabelCodes.contains(packedLetters) else { return false }
        while end < t.upperBound, text[end] == 0x20 { end += 1 }
        return end < t.upperBound && text[end] == UInt8(ascii: ":")
    }
}

/// The confidentiality cues' eight-letter cores: every cue of `SignatureRules.confidentialityCues`
/// holds one ("confiden", "privileg", "vertraul", "riservat", "vertrouw"), so a text without a
/// core has no notice. Each core is found from its rarer letter (memchr finds those many bytes
/// at a time) and compared as one eight-byte integer.
enum NoticeCores {
    /// Little-endian, as an unaligned load reads them.
    static func packed(_ core: String) -> UInt64 {
        precondition(core.utf8.count == 8)
        return core.utf8.reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }
    /// One global, so one lazy-initialisation check per search.
    static let cores = (confiden: packed("confiden"), privileg: packed("privileg"), vertraul: packed("vertraul"),
                        riservat: packed("riservat"), vertrouw: packed("vertrouw"))

    /// Whether a core occurs in `text`, ASCII case ignored.
    static func occur(in text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = text.baseAddress, text.count >= 8 else { return false }
        let n = text.count
        let (confiden, privileg, vertraul, riservat, vertrouw) = cores
        /// The eight bytes from `start`, ASCII letters lower-cased (`| 0x20` lower-cases a letter
        /// and turns no other byte into one; the cores are all letters); 0 outside the text.
        func window(_ start: Int) -> UInt64 {
            guard start >= 0, start + 8 <= n else { return 0 }
            return UInt64(littleEndian: UnsafeRawPointer(base + start).loadUnaligned(as: UInt64.self)) | 0x2020_2020_2020_2020
        }
        func hasCore(around letter: UInt8) -> Bool {
            var from = 0
            while from < n, let hit = memchr(base + from, Int32(letter), n - from) {
                let i = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) - base
                if letter | 0x20 == UInt8(ascii: "f") {
                    if window(i - 3) == confiden { return true }
                } else {
                    let fromV = window(i)
                    if fromV == vertraul || fromV == vertrouw || window(i - 3) == privileg || window(i - 5) == riservat { return true }
                }
                from = i + 1
            }
            return false
        }
        return hasCore(around: UInt8(ascii: "f")) || hasCore(around: UInt8(ascii: "F"))
            || hasCore(around: UInt8(ascii: "v")) || hasCore(around: UInt8(ascii: "V"))
    }
}
