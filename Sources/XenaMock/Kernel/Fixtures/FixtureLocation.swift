import Foundation

/// Finds the fixtures directory: the one given, else `./fixtures` when it holds identity fixtures,
/// else the `fixtures/` bundled with this package, so `swift run xena-mock` works from any directory.
enum FixtureLocation {
    /// `fixtures/` at the root of the package this file was built from: the nearest folder above this source file
    /// that holds `Package.swift`, however deep the file sits.
    static var bundled: URL {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                return directory.appendingPathComponent("fixtures")
            }
            directory.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("fixtures")
    }

    /// The directory and the name to show for it in messages.
    static func resolve(_ configured: String?) throws(ConfigurationError) -> (url: URL, displayName: String) {
        let fileManager = FileManager.default
        if let configured {
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: configured, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ConfigurationError("fixtures directory '\(configured)' does not exist")
            }
            return (URL(fileURLWithPath: configured), configured)
        }
        let local = URL(fileURLWithPath: "fixtures")
        if fileManager.fileExists(atPath: local.appendingPathComponent("users.json").path) {
            return (local, "fixtures")
        }
        let bundled = self.bundled
        guard fileManager.fileExists(atPath: bundled.appendingPathComponent("users.json").path) else {
            throw ConfigurationError(
                "no fixtures found: ./fixtures has no users.json and the bundled fixtures at \(bundled.path) are gone; pass --fixtures DIR")
        }
        return (bundled, bundled.path)
    }
}
