import Foundation
import HTTPTypes

/// The write rules: what a create or update must carry, the JSON types the fixtures show, URLs, references to
/// parents, and the `Version` check of an update.
extension APIStore {
    /// Required fields, JSON types as the fixtures show them, and references to parents in the same fiscal.
    func validate(_ entity: Entity, resource: String, in state: State, fiscalID: Int64) throws(XenaAPIError) {
        let definition = self.definition(resource)
        var errors: [SaveResult.FieldError] = []
        for field in definition.required where entity[field] == nil || entity[field] == .null {
            errors.append(.init(path: field, message: "The \(field) field is required."))
        }
        let types = self.fieldTypes[resource] ?? [:]
        for (field, value) in entity.sorted(by: { $0.key < $1.key }) where !value.isNull {
            if let expected = types[field], expected != value.typeName {
                errors.append(.init(path: field, message: "The value of \(field) must be a \(expected), not a \(value.typeName)."))
            }
        }
        for field in definition.urls {
            guard let value = entity[field], !value.isNull, !errors.contains(where: { $0.path == field }) else { continue }
            if !Self.isAbsoluteHTTPURL(value.string) {
                errors.append(.init(path: field, message: "The \(field) field must be an absolute http or https URL."))
            }
        }
        for (field, parent) in definition.parents.sorted(by: { $0.key < $1.key }) {
            guard let value = entity[field], !value.isNull else { continue }
            guard let parentID = value.integer else { continue }  // already a type error
            if state.tables[TableKey(fiscalID: fiscalID, resource: parent)]?.rows[parentID] == nil {
                errors.append(.init(path: field, message: "\(self.entityName(parent)) \(parentID) not found."))
            }
        }
        if !errors.isEmpty { throw .rejected(errors) }
    }

    /// Whether `text` is an absolute `http`/`https` URL with a host, as a webhook callback must be.
    static func isAbsoluteHTTPURL(_ text: String?) -> Bool {
        guard let text, let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
        else { return false }
        return true
    }

    /// The body of a PUT without read-only fields, after the Version check.
    static func checkedUpdateBody(_ body: JSONValue, existing: Entity, required: [String], readOnly: [String]) throws(XenaAPIError) -> Entity {
        guard var entity = body.object else { throw .rejected([.init(path: "", message: "The body must be a JSON object.")]) }
        // Entities whose definition has no Version (a few generated ones) are updated without the check.
        if let current = existing["Version"]?.integer {
            guard let version = entity["Version"], !version.isNull else {
                throw .rejected([.init(path: "Version", message: "The Version field is required: send the Version you read.")])
            }
            guard let sent = version.integer else {
                throw .rejected([.init(path: "Version", message: "The value of Version must be a number, not a \(version.typeName).")])
            }
            guard sent == current else {
                throw .rejected(
                    [.init(path: "Version", message: "The entity was changed by someone else: Version \(sent) is stale, the current Version is \(current).")],
                    status: .conflict)
            }
        }
        var errors: [SaveResult.FieldError] = []
        for field in required where entity[field] == nil || entity[field] == .null {
            errors.append(.init(path: field, message: "The \(field) field is required."))
        }
        if !errors.isEmpty { throw .rejected(errors) }
        for field in readOnly + APIResourceDefinition.serverFields { entity[field] = nil }
        return entity
    }

    static func keepServerFields(from existing: Entity, into entity: inout Entity, readOnly: [String]) {
        for field in readOnly + APIResourceDefinition.serverFields {
            entity[field] = existing[field]
        }
        // Fixture Versions are at most 2^62 (APIFixtures checks), so this cannot overflow.
        entity["Version"] = .integer((existing["Version"]?.integer ?? 1) + 1)
    }
}
