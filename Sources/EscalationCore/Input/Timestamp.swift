/// When a message was written, as Unix seconds: ISO 8601 text ("2026-12-02T08:05:31Z",
/// "2026-12-02T08:05:31.000+0000", "2026-12-02 08:05:31", "2026-12-02") or a number of seconds
/// (milliseconds when it is too large to be seconds). Nil for anything else.
enum Timestamp {
    static func seconds(_ value: JSONValue) -> Double? {
        switch value {
        case .number(let n) where n.isFinite && n > 0: return n > 1e11 ? n / 1000 : n
        case .string(let s): return seconds(iso: Array(s.utf8))
        default: return nil
        }
    }

    static func seconds(iso b: [UInt8]) -> Double? {
        var i = 0
        func number(_ digits: Int) -> Int? {
            guard i + digits <= b.count else { return nil }
            var n = 0
            for k in i..<(i + digits) {
                guard (0x30...0x39).contains(b[k]) else { return nil }
                n = n * 10 + Int(b[k] - 0x30)
            }
            i += digits
            return n
        }
        func skip(_ c: UInt8) -> Bool { if i < b.count, b[i] == c { i += 1; return true }; return false }
        guard let year = number(4), skip(UInt8(ascii: "-")), let month = number(2), skip(UInt8(ascii: "-")), let day = number(2),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        var seconds = Double(daysFromCivil(year, month, day)) * 86_400
        guard i < b.count, b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: " ") else { return i == b.count ? seconds : nil }
        i += 1
        guard let hour = number(2), skip(UInt8(ascii: ":")), let minute = number(2), hour < 24, minute < 60 else { return nil }
        seconds += Double(hour * 3600 + minute * 60)
        if skip(UInt8(ascii: ":")), let second = number(2), second < 61 { seconds += Double(second) }
        if skip(UInt8(ascii: ".")) || skip(UInt8(ascii: ",")) { while i < b.count, (0x30...0x39).contains(b[i]) { i += 1 } }
        // The zone: Z, +hh:mm, +hhmm; none reads as UTC.
        if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            let sign: Double = b[i] == UInt8(ascii: "+") ? 1 : -1
            i += 1
            guard let h = number(2) else { return nil }
            _ = skip(UInt8(ascii: ":"))
            let m = number(2) ?? 0
            seconds -= sign * Double(h * 3600 + m * 60)
        }
        return seconds
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(_ y: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y - 1 : y
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
