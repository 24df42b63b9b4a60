import Foundation
import XenaMockFixtures

/// Finds the fixtures directory: the one given, else `./fixtures` when it holds identity fixtures,
/// else the `fixtures/` bundled with xena-mock as a resource bundle, so `swift run xena-mock` works from any directory.
enum FixtureLocation {
    /// The bundled `fixtures/` (``BundledFixtures``); nil when the binary was moved without its resource bundle.
    static var bundled: URL? { BundledFixtures.directory }

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
        guard let bundled = self.bundled, fileManager.fileExists(atPath: bundled.appendingPathComponent("users.json").path) else {
            throw ConfigurationError(
                "no fixtures found: ./fixtures has no users.json and the bundled fixtures (\(BundledFixtures.bundleName) beside the binary) are missing; pass --fixtures DIR"
            )
        }
        return (bundled, bundled.path)
    }
}
