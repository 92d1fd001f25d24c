import ArgumentParser
import EscalationCore

extension Vendor: ExpressibleByArgument {}

/// How input is read, shared by the subcommands that read ticket files.
struct InputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Input format (default: by extension; without one, by content: JSON, CSV/TSV with a header, else plain text).",
                               valueName: "format"))
    var format: InputFormat?

    @Option(name: .customLong("field"), help: ArgumentHelp(
        "Read an input field from this key, header or dotted JSON path; repeatable (e.g. text=fields.description, id=key). An empty SOURCE reads the field from nowhere.",
        valueName: "field=SOURCE"))
    var fieldMappings: [String] = []

    @Option(help: ArgumentHelp("Read every file as this helpdesk's export (default: recognized from the header or first record).", valueName: "vendor"))
    var preset: Vendor?

    func validate() throws { _ = try overrides() }

    /// `--field` as overrides; a bad one is a usage error naming the fields there are.
    func overrides() throws -> [FieldMapping.Override] {
        try fieldMappings.map { mapping in
            guard let eq = mapping.firstIndex(of: "=") else {
                throw ValidationError("--field wants FIELD=SOURCE, e.g. --field text=description; got '\(mapping)'")
            }
            let name = String(mapping[..<eq]).trimmingCharacters(in: .whitespaces), source = String(mapping[mapping.index(after: eq)...])
            guard let field = InputField.allCases.first(where: { $0.name == name }) else {
                throw ValidationError("--field: unknown field '\(name)'; the fields are \(InputField.allCases.map(\.name).joined(separator: ", "))")
            }
            return FieldMapping.Override(field: field, source: source)
        }
    }

    var choices: FieldChoices {
        // validate() has checked the overrides.
        FieldChoices(preset: preset, overrides: (try? overrides()) ?? [])
    }
}
