extension NormalizedText {
    /// Per token: does it sit in an informational question — a sentence ending in "?" whose
    /// first word is an opener ("How do I cancel one seat?", "Is the SLA timer paused?")?
    /// "Why is the site down again?" opens with no opener, so it stays a complaint.
    /// `isOpener` is asked about token indices (the caller knows the words by id).
    public func informationalQuestionMask(isOpener: (Int) -> Bool) -> [Bool] {
        var mask = [Bool](filled: false, count: count)
        var sentenceStart = 0
        for i in 0..<count where endsSentence(i) || i == count - 1 {
            if isQuestionMark(i), let first = (sentenceStart...i).first(where: isLexical), isOpener(first) {
                for j in sentenceStart...i { mask[j] = true }
            }
            sentenceStart = i + 1
        }
        return mask
    }
}
