import EscalationCore

/// `--keep-fields`: the input fields escalate does not read, copied into the output record after
/// the computed fields. A kept field never shares a name with a computed one, so neither hides the
/// other: an input field named like an output field (or `line`, which error records carry) is
/// written as `input_NAME`, with `input_` added again while that name is another field of the record
/// (`priority` beside an input `input_priority` becomes `input_input_priority`). Other names and
/// the input order are unchanged.
enum KeptFields {
    static let prefix = "input_"

    /// Names an output record can have: every `OutputField`, and `line` of error records.
    static let reserved: Set<String> = Set(OutputField.allCases.map(\.nameText) + ["line"])

    /// The fields as they are written: renamed where they would collide, in input order.
    static func named(_ fields: [(String, JSONValue)]) -> [(String, JSONValue)] {
        // The usual record collides with nothing: no copies, no set of names.
        guard fields.contains(where: { reserved.contains($0.0) }) else { return fields }
        var taken = Set(fields.map(\.0))
        return fields.map { name, value in
            guard reserved.contains(name) else { return (name, value) }
            var renamed = prefix + name
            while taken.contains(renamed) { renamed = prefix + renamed }
            taken.insert(renamed)
            return (renamed, value)
        }
    }
}
