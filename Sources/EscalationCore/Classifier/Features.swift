/// Bag of unigrams and bigrams over a ticket's folded words (scikit-learn's
/// `CountVectorizer(ngram_range=(1, 2))` joins bigrams with one space, as here).
public enum Features {
    public static func counts(_ words: [String], maxN: Int = 2) -> [String: Int] {
        var counts: [String: Int] = [:]
        counts.reserveCapacity(words.count * maxN)
        for (i, word) in words.enumerated() {
            counts[word, default: 0] += 1
            if maxN >= 2 && i + 1 < words.count {
                counts[word + " " + words[i + 1], default: 0] += 1
            }
        }
        return counts
    }
}
