/// Binary search, the one copy: every sorted lookup in the package goes through these.
extension RandomAccessCollection {
    /// In a collection where `isBefore` holds for a prefix of the elements and for none after it
    /// (sorted data, a predicate like `$0 < key`): the index of the first element for which it
    /// does not hold, `endIndex` if none.
    @inline(__always) func partitionPoint(where isBefore: (Element) throws -> Bool) rethrows -> Index {
        var low = startIndex
        var length = count
        while length > 0 {
            let half = length / 2
            let mid = index(low, offsetBy: half)
            if try isBefore(self[mid]) {
                low = index(after: mid)
                length -= half + 1
            } else {
                length = half
            }
        }
        return low
    }
}

extension RandomAccessCollection where Element: Comparable {
    /// Where `key` is in this sorted collection, or nil.
    @inline(__always) func sortedIndex(of key: Element) -> Index? {
        let i = partitionPoint { $0 < key }
        return i != endIndex && self[i] == key ? i : nil
    }
}
