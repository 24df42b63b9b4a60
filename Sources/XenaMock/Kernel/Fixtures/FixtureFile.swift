import Foundation

/// Reads one JSON fixture file and turns every problem into a one-line `ConfigurationError`
/// that names the file and the JSON path of the problem, e.g. `clients.json: $[1].grant_types[0]: …`.
struct FixtureFile {
    /// The file on disk.
    let url: URL
    /// How the file is named in messages: its path as the user gave it.
    let displayName: String

    init(directory: URL, name: String, displayDirectory: String) {
        self.url = directory.appendingPathComponent(name)
        self.displayName = (displayDirectory as NSString).appendingPathComponent(name)
    }

    init(url: URL, displayName: String) {
        self.url = url
        self.displayName = displayName
    }

    var exists: Bool {
        FileManager.default.fileExists(atPath: self.url.path)
    }

    func readData() throws(ConfigurationError) -> Data {
        do {
            return try Data(contentsOf: self.url)
        } catch {
            if !self.exists {
                throw ConfigurationError("\(self.displayName): file not found")
            }
            throw ConfigurationError("\(self.displayName): cannot be read (\(error.localizedDescription))")
        }
    }

    func decode<Value: Decodable>(_ type: Value.Type) throws(ConfigurationError) -> Value {
        let data = try self.readData()
        do {
            return try JSONDecoder().decode(Value.self, from: data)
        } catch let error as DecodingError {
            throw self.problem(describing: error)
        } catch {
            throw ConfigurationError("\(self.displayName): \(error.localizedDescription)")
        }
    }

    /// A problem at `path` (coding keys from the file's root) in this file.
    func problem(at path: [any CodingKey], _ message: String) -> ConfigurationError {
        ConfigurationError("\(self.displayName): \(Self.jsonPath(path)): \(message)")
    }

    private func problem(describing error: DecodingError) -> ConfigurationError {
        ConfigurationError("\(self.displayName): \(Self.describe(error))")
    }

    /// A decoding error as `$.path: what is wrong`, or `invalid JSON (…)` when the text is not JSON at all.
    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .typeMismatch(let type, let context):
            return "\(Self.jsonPath(context.codingPath)): expected \(Self.jsonTypeName(type))"
        case .valueNotFound(let type, let context):
            return "\(Self.jsonPath(context.codingPath)): expected \(Self.jsonTypeName(type)), found null"
        case .keyNotFound(let key, let context):
            return "\(Self.jsonPath(context.codingPath + [key])): required key is missing"
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                let detail = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
                return "invalid JSON (\(detail ?? context.debugDescription))"
            }
            return "\(Self.jsonPath(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    /// `$`, `$.users[2].email` and so on.
    static func jsonPath(_ path: [any CodingKey]) -> String {
        path.reduce(into: "$") { result, key in
            if let index = key.intValue {
                result += "[\(index)]"
            } else {
                result += ".\(key.stringValue)"
            }
        }
    }

    private static func jsonTypeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type, is Int64.Type, is Int32.Type: "an integer"
        case is Double.Type: "a number"
        default:
            String(describing: type).hasPrefix("Array") ? "an array" : "an object"
        }
    }
}

/// A coding key for building JSON paths in validation messages.
struct FixturePathKey: CodingKey {
    let stringValue: String
    let intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        self.intValue = nil
    }

    init(intValue: Int) {
        self.stringValue = String(intValue)
        self.intValue = intValue
    }

    static func index(_ index: Int) -> FixturePathKey { .init(intValue: index) }
    static func key(_ name: String) -> FixturePathKey { .init(stringValue: name) }
}
