extension NormalizedText {
    /// Per token: does it sit in an informational question — a sentence ending in "?" whose
    /// first word is an opener ("How do I cancel one seat?", "Is the SLA timer paused?")?
    /// "Why is the site down again?" opens with no opener, so it stays a complaint.
    /// `isOpener` is asked about token indices (the caller knows the words by id).
    public func informationalQuestionMask(isOpener: (Int) -> Bool) -> [Bool] {
        var mask = [Bool](filled: false, count: count)
        let last = count - 1
        // `.endsSentence` in each byte of a word of eight flags: most tokens end no sentence, so
        // the scan for the next end skips eight at a time.
        let endsInWord = 0x0101_0101_0101_0101 &* UInt64(Flags.endsSentence.rawValue)
        flags.withUnsafeBytes { flagBytes in
            var start = 0
            while start < count {
                // The sentence ends at a sentence mark or at the last token.
                var end = start
                while end + 8 <= last && flagBytes.loadUnaligned(fromByteOffset: end, as: UInt64.self) & endsInWord == 0 { end += 8 }
                while end < last && !endsSentence(end) { end += 1 }
                if isQuestionMark(end), let first = (start...end).first(where: isLexical), isOpener(first) {
                    for j in start...end { mask[j] = true }
                }
                start = end + 1
            }
        }
        return mask
    }
}
