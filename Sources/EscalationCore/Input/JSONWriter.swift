/// Builds JSON text; strings are escaped so the output is always valid JSON and valid UTF-8.
public struct JSONWriter {
    public private(set) var text = ""

    public init() { text.reserveCapacity(512) }

    public static func quoted(_ s: String) -> String {
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"  // legal JSON, but breaks JavaScript line readers
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Shortest round-trip form, with integers written without ".0"; non-finite as null.
    public static func number(_ x: Double) -> String {
        guard x.isFinite else { return "null" }
        if x == x.rounded() && abs(x) < 1e15 { return String(Int(x)) }
        return String(x)
    }

    public static func encode(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return number(n)
        case .string(let s): return quoted(s)
        case .array(let items): return "[" + items.map(encode).joined(separator: ",") + "]"
        case .object(let pairs): return "{" + pairs.map { quoted($0.0) + ":" + encode($0.1) }.joined(separator: ",") + "}"
        }
    }
}
