/// Checks a request body against its documented schema, as ASP.NET's model binding and validation do: JSON types,
/// `required`, `minLength`/`maxLength`, `minimum`/`maximum`, 32-bit integers and enums. Each problem names its
/// field (`Address.Name`, `Lines[2].Quantity`).
///
/// `null` is accepted for every property that is not required (Swagger 2.0 cannot say "nullable"; the real API
/// writes and accepts `null` for absent values). Unknown properties are ignored, and so are read-only ones.
struct BodyValidator {
    let specification: APISpecification

    /// How deep nested objects are checked.
    static let maximumDepth = 8

    func problems(_ value: JSONValue, against schema: APISchema) -> [SaveResult.FieldError] {
        var problems: [SaveResult.FieldError] = []
        if schema.kind != .any || schema.reference != nil, value.object == nil, self.specification.resolve(schema).kind == .object {
            return [.init(path: "", message: "The body must be a JSON object.")]
        }
        self.check(value, against: schema, path: "", depth: 0, into: &problems)
        return problems
    }

    private func check(_ value: JSONValue, against schema: APISchema, path: String, depth: Int, into problems: inout [SaveResult.FieldError]) {
        guard depth <= Self.maximumDepth, !value.isNull else { return }
        let schema = self.specification.resolve(schema)
        let field = path.isEmpty ? "The body" : path
        func refuse(_ message: String) { problems.append(.init(path: path, message: message)) }
        if let choices = schema.enumValues, !choices.isEmpty, !choices.contains(value) {
            return refuse("The value of \(field) must be one of \(choices.map { String(decoding: $0.serialized(), as: UTF8.self) }.joined(separator: ", ")).")
        }
        switch schema.kind {
        case .object:
            guard let members = value.object else { return refuse("The value of \(field) must be an object, not a \(value.typeName).") }
            for name in schema.required.sorted() where members[name] == nil || members[name] == .null {
                problems.append(.init(path: Self.join(path, name), message: "The \(name) field is required."))
            }
            if schema.isMap, let values = schema.items {
                for (name, member) in members.sorted(by: { $0.key < $1.key }) {
                    self.check(member, against: values, path: Self.join(path, name), depth: depth + 1, into: &problems)
                }
                return
            }
            for (name, property) in schema.properties.sorted(by: { $0.key < $1.key }) where !property.readOnly {
                guard let member = members[name] else { continue }
                self.check(member, against: property, path: Self.join(path, name), depth: depth + 1, into: &problems)
            }
        case .array:
            guard let elements = value.elements else { return refuse("The value of \(field) must be an array, not a \(value.typeName).") }
            guard let items = schema.items else { return }
            for (index, element) in elements.enumerated() {
                self.check(element, against: items, path: "\(path)[\(index)]", depth: depth + 1, into: &problems)
            }
        case .string:
            guard let text = value.string else { return refuse("The value of \(field) must be a string, not a \(value.typeName).") }
            if let maximum = schema.maxLength, text.count > maximum {
                refuse("The field \(field) must be a string with a maximum length of \(maximum).")
            } else if let minimum = schema.minLength, text.count < minimum {
                refuse("The field \(field) must be a string with a minimum length of \(minimum).")
            } else if schema.format == "date-time", APITimestamp.parse(text) == nil {
                refuse("The value '\(text)' is not valid for \(field): use a date such as 2025-03-14T09:12:44Z.")
            }
        case .integer:
            guard let number = value.integer, value.typeName == "number" else {
                return refuse("The value of \(field) must be a whole number, not a \(value.typeName == "number" ? "fraction" : value.typeName).")
            }
            if schema.format == "int32", Int32(exactly: number) == nil {
                return refuse("The value \(number) of \(field) does not fit in 32 bits (\(Int32.min) … \(Int32.max)).")
            }
            self.checkRange(Double(number), schema: schema, field: field, refuse: refuse)
        case .number:
            guard let number = value.number else { return refuse("The value of \(field) must be a number, not a \(value.typeName).") }
            self.checkRange(number, schema: schema, field: field, refuse: refuse)
        case .boolean:
            guard value.bool != nil else { return refuse("The value of \(field) must be true or false, not a \(value.typeName).") }
        case .any:
            return
        }
    }

    private func checkRange(_ number: Double, schema: APISchema, field: String, refuse: (String) -> Void) {
        if let minimum = schema.minimum, number < minimum {
            refuse("The field \(field) must be at least \(Self.text(minimum)).")
        } else if let maximum = schema.maximum, number > maximum {
            refuse("The field \(field) must be at most \(Self.text(maximum)).")
        }
    }

    private static func text(_ number: Double) -> String {
        number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    }

    private static func join(_ path: String, _ name: String) -> String {
        path.isEmpty ? name : "\(path).\(name)"
    }
}
