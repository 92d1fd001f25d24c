/// The text being written: whitespace collapsed to one space, at most one blank line in a row,
/// nothing before the first word.
struct TextWriter {
    var out: [UInt8] = []

    init(capacity: Int) { out.reserveCapacity(capacity) }

    mutating func space() {
        if let last = out.last, last != 0x20, last != 0x0A { out.append(0x20) }
    }

    mutating func newline() {
        dropSpace()
        guard !out.isEmpty else { return }
        let count = out.count
        if count >= 2, out[count - 1] == 0x0A, out[count - 2] == 0x0A { return }
        out.append(0x0A)
    }

    mutating func lineBreak() {
        dropSpace()
        if let last = out.last, last != 0x0A { out.append(0x0A) }
    }

    mutating func paragraphBreak() {
        lineBreak()
        newline()
    }

    mutating func scalar(_ v: UInt32) {
        switch v {
        case 0x20, 0xA0, 0x2002, 0x2003, 0x2009: space()
        case 0xAD, 0x200C, 0x200D, 0x200E, 0x200F: break
        default: HTMLEntities.appendUTF8(v, to: &out)
        }
    }

    mutating func trimEnd() {
        while let last = out.last, last == 0x20 || last == 0x0A { out.removeLast() }
    }

    private mutating func dropSpace() {
        if out.last == 0x20 { out.removeLast() }
    }
}
