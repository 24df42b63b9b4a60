import Foundation

/// The `fixtures/` directory that ships with xena-mock, copied into the build as a SwiftPM resource bundle, so a
/// built binary finds it wherever it runs from.
public enum BundledFixtures {
    /// The bundle's name next to the binary, where SwiftPM's `Bundle.module` looks first.
    public static let bundleName = "xena-mock_XenaMockFixtures.resources"

    /// The bundled `fixtures/` directory, or nil when the binary was moved without its resource bundle and the
    /// build directory it came from is gone.
    public static var directory: URL? {
        // Bundle.module stops the process when it finds no bundle; look before asking it.
        let besideBinary = Bundle.main.bundleURL.appendingPathComponent(Self.bundleName)
        let candidates = [besideBinary] + Self.buildDirectories
        guard candidates.contains(where: { FileManager.default.fileExists(atPath: $0.path) }) else { return nil }
        return Bundle.module.resourceURL?.appendingPathComponent("fixtures")
    }

    /// Where `swift build` put the bundle: the build directories of the package this file was compiled in.
    private static var buildDirectories: [URL] {
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let build = packageRoot.appendingPathComponent(".build")
        let triples = (try? FileManager.default.contentsOfDirectory(atPath: build.path)) ?? []
        return triples.flatMap { triple in
            ["debug", "release"].map { build.appendingPathComponent(triple).appendingPathComponent($0).appendingPathComponent(Self.bundleName) }
        }
    }
}
