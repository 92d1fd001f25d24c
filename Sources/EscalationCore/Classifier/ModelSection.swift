import Foundation

/// A part of a model file: stored fields, and the one list of members that writes them, reads
/// them back and says which are missing or mistyped.
public protocol ModelSection: Sendable {
    /// Empty; the reader sets every member.
    init()
    /// Keys are unique across the file (its header and every section kind).
    static var members: [ModelMember<Self>] { get }
}

/// The JSON shapes a model-file member can take.
public enum ModelValue: Sendable, Equatable, Encodable {
    case bool(Bool), integer(Int), number(Double), string(String)
    case numbers([Double]), strings([String]), numberRows([[Double]])

    public enum Kind: Sendable, Equatable {
        case bool, integer, number, string, numbers, strings, numberRows

        var description: String {
            switch self {
            case .bool: return "a boolean"
            case .integer: return "an integer"
            case .number: return "a number"
            case .string: return "a string"
            case .numbers: return "an array of numbers"
            case .strings: return "an array of strings"
            case .numberRows: return "an array of arrays of numbers"
            }
        }

        /// Reads a value of this kind straight into arrays (a model's 90k names and 180k counts).
        func read(_ p: inout JSONParser) throws -> ModelValue {
            switch self {
            case .bool:
                guard case .bool(let b) = try p.readValue() else { throw RecordError("not a boolean") }
                return .bool(b)
            case .integer:
                guard let n = Int(exactly: try p.readNumber()) else { throw RecordError("not an integer") }
                return .integer(n)
            case .number: return .number(try p.readNumber())
            case .string: return .string(try p.readString())
            case .numbers: return .numbers(try p.readNumbers())
            case .strings: return .strings(try p.readArray { try $0.readString() })
            case .numberRows: return .numberRows(try p.readArray { try $0.readNumbers() })
            }
        }
    }

    /// Written with the Swift type each kind is read back as, so `JSONEncoder` spells numbers
    /// the same way in every release (an integral Double without ".0").
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .bool(let v): try c.encode(v)
        case .integer(let v): try c.encode(v)
        case .number(let v): try c.encode(v)
        case .string(let v): try c.encode(v)
        case .numbers(let v): try c.encode(v)
        case .strings(let v): try c.encode(v)
        case .numberRows(let v): try c.encode(v)
        }
    }

    /// Mixed into the checksum: numbers by bit pattern, strings NUL-terminated, each row after
    /// its length.
    func mix(into hash: inout FNV1a) {
        switch self {
        case .bool(let v): hash.mix(v ? 1 : 0)
        case .integer(let v): hash.mix64(UInt64(bitPattern: Int64(v)))
        case .number(let v): hash.mix64(v.bitPattern)
        case .string(let v): hash.mix(v)
        case .numbers(let v): for x in v { hash.mix64(x.bitPattern) }
        case .strings(let v): for s in v { hash.mix(s) }
        case .numberRows(let rows):
            for row in rows { hash.mix64(UInt64(bitPattern: Int64(row.count))); for x in row { hash.mix64(x.bitPattern) } }
        }
    }
}

/// The Swift types a member can hold (their conformances are at the end of the file).
public protocol ModelValueConvertible {
    static var modelKind: ModelValue.Kind { get }
    init?(modelValue: ModelValue)
    var modelValue: ModelValue { get }
}

/// One member of a section: its key, its kind, whether the checksum covers it, and the field
/// it is stored in.
public struct ModelMember<Section> {
    public let key: String
    public let kind: ModelValue.Kind
    /// Everything that determines predictions is checked; counts kept for information are not.
    public let checked: Bool
    let get: (Section) -> ModelValue
    /// False when the value is of another kind.
    let set: (inout Section, ModelValue) -> Bool

    public init<V: ModelValueConvertible>(_ key: String, _ field: WritableKeyPath<Section, V>, checked: Bool = true) {
        self.key = key
        kind = V.modelKind
        self.checked = checked
        get = { $0[keyPath: field].modelValue }
        set = { section, value in
            guard let v = V(modelValue: value) else { return false }
            section[keyPath: field] = v
            return true
        }
    }
}

extension ModelSection {
    /// Member key → value, for the file.
    var values: [String: ModelValue] {
        Dictionary(uniqueKeysWithValues: Self.members.map { ($0.key, $0.get(self)) })
    }

    /// From a file's members; a missing or mistyped one is named.
    init(values: [String: ModelValue]) throws {
        self.init()
        for member in Self.members {
            guard let value = values[member.key] else { throw ModelFileError("malformed model file: missing '\(member.key)'") }
            guard member.set(&self, value) else {
                throw ModelFileError("malformed model file: '\(member.key)' is not \(member.kind.description)")
            }
        }
    }

    /// FNV-1a 64 of the checked members in list order, hex: a changed or damaged file is refused.
    var checksum: String {
        var hash = FNV1a()
        for member in Self.members where member.checked { member.get(self).mix(into: &hash) }
        return String(hash.value, radix: 16)
    }
}

/// FNV-1a 64 over bytes, integers little-endian (a 90k-feature model hashes ~2 MB at every
/// start-up, hence plain loops rather than a generic byte view per value).
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    @inline(__always) mutating func mix(_ byte: UInt8) { value = (value ^ UInt64(byte)) &* 0x100_0000_01b3 }

    @inline(__always) mutating func mix64(_ word: UInt64) {
        var v = word
        for _ in 0..<8 { mix(UInt8(truncatingIfNeeded: v)); v >>= 8 }
    }

    /// The string's UTF-8, then a NUL.
    mutating func mix(_ string: String) {
        var s = string
        s.withUTF8 { for b in $0 { mix(b) } }
        mix(0)
    }
}

extension Bool: ModelValueConvertible {
    public static var modelKind: ModelValue.Kind { .bool }
    public init?(modelValue: ModelValue) { guard case .bool(let v) = modelValue else { return nil }; self = v }
    public var modelValue: ModelValue { .bool(self) }
}

extension Int: ModelValueConvertible {
    public static var modelKind: ModelValue.Kind { .integer }
    public init?(modelValue: ModelValue) { guard case .integer(let v) = modelValue else { return nil }; self = v }
    public var modelValue: ModelValue { .integer(self) }
}

extension Double: ModelValueConvertible {
    public static var modelKind: ModelValue.Kind { .number }
    public init?(modelValue: ModelValue) { guard case .number(let v) = modelValue else { return nil }; self = v }
    public var modelValue: ModelValue { .number(self) }
}

extension String: ModelValueConvertible {
    public static var modelKind: ModelValue.Kind { .string }
    public init?(modelValue: ModelValue) { guard case .string(let v) = modelValue else { return nil }; self = v }
    public var modelValue: ModelValue { .string(self) }
}

/// Arrays of numbers, of strings and of number arrays; Swift allows one conditional
/// conformance of `Array`, so the element type says which kind.
extension Array: ModelValueConvertible where Element: ModelArrayElement {
    public static var modelKind: ModelValue.Kind { Element.modelArrayKind }
    public init?(modelValue: ModelValue) {
        guard let v = Element.modelArray(modelValue) else { return nil }
        self = v
    }
    public var modelValue: ModelValue { Element.modelValue(array: self) }
}

public protocol ModelArrayElement {
    static var modelArrayKind: ModelValue.Kind { get }
    static func modelArray(_ value: ModelValue) -> [Self]?
    static func modelValue(array: [Self]) -> ModelValue
}

extension Double: ModelArrayElement {
    public static var modelArrayKind: ModelValue.Kind { .numbers }
    public static func modelArray(_ value: ModelValue) -> [Double]? { if case .numbers(let v) = value { v } else { nil } }
    public static func modelValue(array: [Double]) -> ModelValue { .numbers(array) }
}

extension String: ModelArrayElement {
    public static var modelArrayKind: ModelValue.Kind { .strings }
    public static func modelArray(_ value: ModelValue) -> [String]? { if case .strings(let v) = value { v } else { nil } }
    public static func modelValue(array: [String]) -> ModelValue { .strings(array) }
}

extension Array: ModelArrayElement where Element == Double {
    public static var modelArrayKind: ModelValue.Kind { .numberRows }
    public static func modelArray(_ value: ModelValue) -> [[Double]]? { if case .numberRows(let v) = value { v } else { nil } }
    public static func modelValue(array: [[Double]]) -> ModelValue { .numberRows(array) }
}
