import Foundation

/// Makes the entities of collections no fixture fills: every property its definition declares, in its type, format
/// and bounds, with Danish demo-company values chosen from the property's name, and references that point at
/// entities of the same company.
///
/// Deterministic: a value depends only on the seed, the company, the collection, the entity's position and the
/// property, never on the order in which collections are first read.
struct EntityGenerator {
    let specification: APISpecification
    let seed: UInt64
    /// The ids a reference to a company collection may take, e.g. the company's partners for `PartnerId`.
    let referenceIDs: (APICollection) -> [Int64]

    /// How deep nested objects are filled; deeper ones are `null` (definitions refer to themselves).
    static let maximumDepth = 2
    /// Day 0 of generated dates: 2025-01-01.
    static let firstDay: Int64 = 20_089

    /// An entity of `definition` with this `Id`; `fixed` fields (the company, a parent reference) win.
    func entity(_ definition: String?, id: Int64, key: String, fixed: [String: JSONValue]) -> [String: JSONValue] {
        var entity: [String: JSONValue] = [:]
        if let definition, let schema = self.specification.definitions[definition] {
            entity = self.object(schema, key: key, depth: 0, id: id)
        }
        for (field, value) in fixed { entity[field] = value }
        // The id the store keys the entity by, in the type the definition gives `Id` (a few are strings).
        switch entity["Id"] {
        case .string?: entity["Id"] = .string(String(id))
        case .object?, .array?: break
        default: entity["Id"] = .integer(id)
        }
        return entity
    }

    /// A value of `schema`, e.g. the answer of an operation that returns one object.
    func value(_ schema: APISchema, key: String) -> JSONValue {
        self.value(schema, name: "", key: key, depth: 0)
    }

    // MARK: Objects

    private func object(_ schema: APISchema, key: String, depth: Int, id: Int64?) -> [String: JSONValue] {
        let resolved = self.specification.resolve(schema)
        var object: [String: JSONValue] = [:]
        for (name, property) in resolved.properties {
            object[name] = self.value(property, name: name, key: key + "." + name, depth: depth, id: id, owner: schema.reference)
        }
        // Companions written from the value they describe.
        for name in resolved.properties.keys {
            if name.hasSuffix("DaysFriendly"), let day = object[String(name.dropLast("Friendly".count))]?.integer {
                object[name] = .string(APITimestamp.friendly(dayNumber: day))
            } else if name.hasSuffix("Translated"), let source = object[String(name.dropLast("Translated".count))]?.string {
                object[name] = .string(Self.translated(source))
            } else if name.hasSuffix("Friendly"), !name.hasSuffix("DaysFriendly"), let source = object[String(name.dropLast("Friendly".count))]?.string {
                object[name] = .string(source)
            }
        }
        AmountRules.apply(to: &object)
        return object
    }

    private func value(_ schema: APISchema, name: String, key: String, depth: Int, id: Int64? = nil, owner: String? = nil) -> JSONValue {
        var random = SplitMix64(seed: self.seed, key: key)
        if schema.reference != nil {
            guard depth < Self.maximumDepth else { return .null }
            return .object(self.object(schema, key: key, depth: depth + 1, id: nil))
        }
        if let choices = schema.enumValues, !choices.isEmpty {
            return choices[random.index(choices.count)]
        }
        switch schema.kind {
        case .object:
            if schema.isMap { return .object([:]) }
            guard !schema.properties.isEmpty, depth < Self.maximumDepth else { return schema.properties.isEmpty ? .object([:]) : .null }
            return .object(self.object(schema, key: key, depth: depth + 1, id: nil))
        case .array:
            guard let items = schema.items, depth < Self.maximumDepth else { return .array([]) }
            let count = items.reference == nil ? 1 + random.index(2) : random.index(3)
            return .array((0..<count).map { self.value(items, name: Self.singular(name), key: "\(key)[\($0)]", depth: depth + 1) })
        case .string:
            if name == "Id", let id { return .string(String(id)) }
            let text = owner.flatMap { DemoVocabulary.themed(definition: $0, property: name, random: &random) }
            return .string(Self.bounded(text ?? self.string(name: name, format: schema.format, random: &random), schema))
        case .integer:
            return .integer(self.integer(name: name, schema: schema, id: id, random: &random))
        case .number:
            return .number(Self.number(name: name, schema: schema, random: &random))
        case .boolean:
            return .bool(name == "IsDeactivated" ? false : random.index(4) == 0)
        case .any:
            return .null
        }
    }

    // MARK: Scalars

    private func integer(name: String, schema: APISchema, id: Int64?, random: inout SplitMix64) -> Int64 {
        let lower = Int64(clamping: schema.minimum.map { Int64(exactly: $0.rounded(.up)) ?? 0 } ?? Int64.min)
        let upper = schema.format == "int32" ? Int64(Int32.max) : Int64.max
        let clampedUpper = min(upper, schema.maximum.map { Int64(exactly: $0.rounded(.down)) ?? upper } ?? upper)
        func fit(_ value: Int64) -> Int64 {
            Swift.max(Swift.max(lower, schema.format == "int32" ? Int64(Int32.min) : Int64.min), Swift.min(clampedUpper, value))
        }
        switch name {
        case "Id": return id ?? fit(1_000 + Int64(random.index(90_000)))
        case "Version": return 1
        default: break
        }
        if name.hasSuffix("Id"), name.count > 2 {
            if let collection = self.specification.referencedCollection(field: name) {
                let ids = self.referenceIDs(collection)
                if !ids.isEmpty { return ids[random.index(ids.count)] }
            }
            return fit(1_000 + Int64(random.index(90_000)))
        }
        if name.hasSuffix("Days") { return fit(Self.firstDay + Int64(random.index(365))) }
        if name.hasSuffix("Year") { return fit(2025) }
        if name.hasSuffix("Month") { return fit(1 + Int64(random.index(12))) }
        if name.hasSuffix("Number") || name.hasSuffix("No") { return fit(10_001 + Int64(random.index(900))) }
        if name.contains("Percent") { return fit(Int64([0, 25, 50, 100][random.index(4)])) }
        if name.hasSuffix("Count") || name.hasSuffix("Quantity") || name.hasSuffix("Index") { return fit(1 + Int64(random.index(12))) }
        return fit(1 + Int64(random.index(500)))
    }

    private static func number(name: String, schema: APISchema, random: inout SplitMix64) -> Double {
        var value: Double
        if name.contains("Rate") && name.contains("Exchange") {
            value = [100, 745.94, 681.22, 102.35][random.index(4)]
        } else if name.contains("Percent") || name.hasSuffix("Rate") || name.contains("Vat") && name.contains("Rate") {
            value = [0, 12.5, 25][random.index(3)]
        } else if name.contains("Quantity") || name.hasSuffix("Count") {
            value = Double(1 + random.index(20))
        } else {
            value = Double(random.index(2_500_000)) / 100 + 10
        }
        if let minimum = schema.minimum { value = max(value, minimum) }
        if let maximum = schema.maximum { value = min(value, maximum) }
        return (value * 100).rounded() / 100
    }

    private func string(name: String, format: String?, random: inout SplitMix64) -> String {
        let lowered = name.lowercased()
        if format == "date-time" || lowered.hasSuffix("utc") || lowered.hasSuffix("at") && lowered.hasPrefix("created") {
            let date = Date(timeIntervalSince1970: Double(Self.firstDay * 86_400 + Int64(random.index(365 * 86_400))))
            return APITimestamp.format(date)
        }
        if format == "uuid" || lowered.hasSuffix("guid") { return Self.uuid(&random) }
        let company = DemoVocabulary.companies[random.index(DemoVocabulary.companies.count)]
        let person = DemoVocabulary.people[random.index(DemoVocabulary.people.count)]
        let (zip, city) = DemoVocabulary.cities[random.index(DemoVocabulary.cities.count)]
        switch true {
        case lowered.contains("email"): return "\(person.split(separator: " ")[0].lowercased())@\(DemoVocabulary.emailDomains[random.index(4)])"
        case lowered.contains("phone") || lowered.contains("mobile") || lowered.contains("fax"):
            return String(format: "+45 %02d %02d %02d %02d", 20 + random.index(80), random.index(100), random.index(100), random.index(100))
        case lowered.hasSuffix("url") || lowered.hasSuffix("uri") || lowered.hasSuffix("link") || lowered.contains("website"):
            return "https://example.dk/\(name.lowercased())/\(1 + random.index(999))"
        case lowered.contains("currency"): return ["DKK", "EUR", "SEK", "NOK"][random.index(4)]
        case lowered.contains("culture") || lowered.contains("language"): return ["da-DK", "en-GB"][random.index(2)]
        case lowered.contains("countrycode") || lowered == "country": return ["DK", "DE", "SE", "NO"][random.index(4)]
        case lowered.contains("zip") || lowered.contains("postal"): return zip
        case lowered.contains("city"): return city
        case lowered.contains("street") || lowered.contains("address"): return "\(DemoVocabulary.streets[random.index(8)]) \(1 + random.index(120))"
        case lowered.contains("orgnumber") || lowered.contains("cvr") || lowered.contains("vatnumber") || lowered.contains("regnumber"):
            return String(10_000_000 + random.index(89_999_999))
        case lowered.contains("iban"): return "DK50\(String(format: "%014d", random.index(Int.max) % 100_000_000_000_000))"
        case lowered.contains("account") && lowered.contains("number"): return String(1_000 + random.index(8_999))
        case lowered.contains("person") || lowered.contains("contact") || lowered.contains("responsible") || lowered.contains("username")
            || lowered.hasPrefix("first") || lowered.hasPrefix("last") || lowered.contains("author"):
            return person
        case lowered.contains("company") || lowered.contains("partner") || lowered.hasSuffix("name") || lowered == "name":
            return lowered.contains("file") ? "bilag-\(1_000 + random.index(9_000)).pdf" : company
        case lowered.contains("note") || lowered.contains("comment") || lowered.contains("text") || lowered.contains("message"):
            return DemoVocabulary.notes[random.index(DemoVocabulary.notes.count)]
        case lowered.contains("description") || lowered.contains("title") || lowered.contains("subject"):
            return DemoVocabulary.things[random.index(DemoVocabulary.things.count)]
        case lowered.contains("abbreviation") || lowered.hasSuffix("code"): return ["STK", "TIM", "KG", "M", "DAG"][random.index(5)]
        case lowered.contains("number") || lowered.contains("reference"): return String(10_001 + random.index(89_999))
        case lowered.contains("type") || lowered.contains("status") || lowered.contains("kind") || lowered.contains("state"):
            return ["Standard", "Active", "Open", "Default"][random.index(4)]
        default: return "\(DemoVocabulary.words[random.index(DemoVocabulary.words.count)]) \(1 + random.index(99))"
        }
    }

    /// Cut to `maxLength`, padded to `minLength`.
    private static func bounded(_ text: String, _ schema: APISchema) -> String {
        var text = text
        if let maximum = schema.maxLength, text.count > maximum { text = String(text.prefix(Swift.max(0, maximum))) }
        if let minimum = schema.minLength, text.count < minimum { text += String(repeating: "x", count: minimum - text.count) }
        return text
    }

    /// The text a `…Translated` companion shows for a value: `OrderStatusOpen` → `Order status open`,
    /// `ContextType_Customer` → `Customer` (Xena's enum-like values carry their type before an underscore).
    static func translated(_ value: String) -> String {
        var words: [String] = []
        var current = ""
        for character in value.split(separator: "_").last ?? Substring(value) {
            if character.isUppercase, !current.isEmpty, current.last?.isUppercase == false {
                words.append(current)
                current = ""
            }
            current.append(character)
        }
        if !current.isEmpty { words.append(current) }
        guard let first = words.first else { return value }
        return ([first] + words.dropFirst().map { $0.lowercased() }).joined(separator: " ")
    }

    private static func singular(_ name: String) -> String {
        name.hasSuffix("s") ? String(name.dropLast()) : name
    }

    private static func uuid(_ random: inout SplitMix64) -> String {
        let hex = (0..<32).map { _ in String(random.index(16), radix: 16) }.joined()
        let parts = [hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4), hex.dropFirst(16).prefix(4), hex.dropFirst(20)]
        return parts.joined(separator: "-")
    }
}
