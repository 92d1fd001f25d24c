/// Forward searches that remember failure, so a hostile text (many `<` with no `>`, many
/// `<script>` with no end) costs one pass and not one pass per `<`.
struct HTMLScanner {
    let s: [UInt8]
    /// A search for this byte found nothing from here on.
    private var absentFrom: [UInt8: Int] = [:]
    /// After a tag that never closed, every `<` is text.
    private var tagsEndAt: Int
    /// No `-->` from here on.
    private var commentsEndAt: Int

    init(_ s: [UInt8]) {
        self.s = s
        tagsEndAt = s.count
        commentsEndAt = s.count
    }

    /// The `>` ending the tag at `start`, or nil if `start` is not a tag. A quoted attribute value
    /// (after `=`) may hold `>`; a quote that never closes is an ordinary byte.
    mutating func tagEnd(at start: Int) -> Int? {
        guard start < tagsEndAt, start + 1 < s.count else { return nil }
        let first = s[start + 1]
        let l = first | 0x20
        guard (l >= 0x61 && l <= 0x7A) || first == 0x2F || first == 0x21 || first == 0x3F else { return nil }
        if first == 0x21, start + 3 < s.count, s[start + 2] == 0x2D, s[start + 3] == 0x2D,
           let end = commentEnd(from: start + 4) {
            return end
        }
        var i = start + 1
        var afterEquals = false
        while i < s.count {
            let b = s[i]
            if b == 0x3E { return i }
            if (b == 0x22 || b == 0x27) && afterEquals, let close = find(b, from: i + 1) {
                i = close + 1
                afterEquals = false
                continue
            }
            if b == 0x3D { afterEquals = true } else if b != 0x20 { afterEquals = false }
            i += 1
        }
        tagsEndAt = start
        return nil
    }

    /// The last `>` of the comment's `-->`.
    private mutating func commentEnd(from start: Int) -> Int? {
        guard start < commentsEndAt else { return nil }
        var i = start
        while let gt = find(0x3E, from: i) {
            if gt >= start + 2, s[gt - 1] == 0x2D, s[gt - 2] == 0x2D { return gt }
            i = gt + 1
        }
        commentsEndAt = start
        return nil
    }

    /// Where `</name` starts, from `start` on.
    mutating func closingTag(_ name: [UInt8], from start: Int) -> Int? {
        var i = start
        while let lt = find(0x3C, from: i) {
            if lt + 1 + name.count < s.count, s[lt + 1] == 0x2F,
               name.indices.allSatisfy({ MessageLines.lower(s[lt + 2 + $0]) == name[$0] }) {
                return lt
            }
            i = lt + 1
        }
        return nil
    }

    mutating func find(_ byte: UInt8, from start: Int) -> Int? {
        let limit = absentFrom[byte] ?? s.count
        var i = start
        while i < limit {
            if s[i] == byte { return i }
            i += 1
        }
        absentFrom[byte] = min(limit, start)
        return nil
    }
}
