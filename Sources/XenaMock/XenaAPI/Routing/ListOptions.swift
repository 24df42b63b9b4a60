import Foundation
import Hummingbird
import HummingbirdCore

/// Xena's `ListOptions` and list filters, read from the query string: names match case-insensitively, with or
/// without the `listOptions.`, `listOption.` or `options.` prefix (generated clients send `listOptions.pageSize`, the web
/// UI `PageSize`); `filter.queryString` searches as `queryString` does.
struct ListOptions: Equatable {
    var page = 0
    var pageSize = 10
    var forceNoPaging = false
    var showDeactivated = false
    var queryString: String?

    init() {}

    /// The option a query parameter names, without its prefix and lower-cased: `listOptions.PageSize` → `pagesize`.
    static func optionName(_ parameter: some StringProtocol) -> String {
        var name = parameter.lowercased()
        for prefix in ["listoptions.", "listoption.", "options.", "filter."] where name.hasPrefix(prefix) {
            name.removeFirst(prefix.count)
        }
        return name
    }

    /// Whether a documented query parameter is one of the list options this type reads.
    static func isListOption(_ parameter: String) -> Bool {
        ["page", "pagesize", "forcenopaging", "showdeactivated", "querystring"].contains(Self.optionName(parameter))
    }

    init(query: FlatDictionary<Substring, Substring>) throws(XenaAPIError) {
        var seen = Set<String>()
        for (rawName, rawValue) in query {
            let name = Self.optionName(rawName)
            // ASP.NET model binding takes the first value of a repeated parameter.
            guard seen.insert(name).inserted else { continue }
            let value = String(rawValue)
            switch name {
            case "page":
                guard let page = Int(value), InputBounds.page.contains(page) else {
                    throw .badRequest("The value '\(value)' is not valid for Page: use a whole number from 0 to \(InputBounds.page.upperBound).")
                }
                self.page = page
            case "pagesize":
                guard let pageSize = Int(value), InputBounds.pageSize.contains(pageSize) else {
                    throw .badRequest("The value '\(value)' is not valid for PageSize: use a whole number from 1 to \(InputBounds.pageSize.upperBound).")
                }
                self.pageSize = pageSize
            case "forcenopaging":
                self.forceNoPaging = try Self.bool(value, name: "ForceNoPaging")
            case "showdeactivated":
                self.showDeactivated = try Self.bool(value, name: "ShowDeactivated")
            case "querystring":
                // Query strings from forms encode spaces as '+'.
                let text = value.replacingOccurrences(of: "+", with: " ").trimmingCharacters(in: .whitespaces)
                self.queryString = text.isEmpty ? nil : text
            default:
                continue
            }
        }
    }

    private static func bool(_ value: String, name: String) throws(XenaAPIError) -> Bool {
        switch value.lowercased() {
        case "true": return true
        case "false": return false
        default: throw .badRequest("The value '\(value)' is not valid for \(name): use true or false.")
        }
    }

    /// Whether an entity is listed: deactivated ones only with `ShowDeactivated`, and `queryString` must match
    /// one of `textFields` (default: any string in it).
    func includes(_ entity: APIStore.Entity, textFields: [String]?) -> Bool {
        if !self.showDeactivated && entity["IsDeactivated"]?.bool == true { return false }
        guard let text = self.queryString else { return true }
        let value = JSONValue.object(entity)
        let strings = textFields.map { fields in fields.compactMap { value[path: $0]?.string } } ?? value.allStrings()
        return strings.contains { $0.localizedCaseInsensitiveContains(text) }
    }

    /// The page of `matches` these options ask for.
    func page<Element>(of matches: [Element]) -> ArraySlice<Element> {
        if self.forceNoPaging { return matches[...] }
        // Page and PageSize are at most Int32.max each, so neither the product nor the end can overflow.
        let start = self.page * self.pageSize
        return start >= matches.count ? [] : matches[start..<min(start + self.pageSize, matches.count)]
    }

    /// Filters, counts and pages `entities`: `Count` is every match, `Entities` one page of them.
    func apply(to entities: [APIStore.Entity], textFields: [String]?) -> JSONValue {
        let matches = entities.filter { self.includes($0, textFields: textFields) }
        return ["Count": .integer(Int64(matches.count)), "Entities": .array(self.page(of: matches).map { .object($0) })]
    }
}
