import Foundation
import Testing
import XenaMockFixtures

@testable import XenaMock

@Suite struct IdentityFixturesTests {
    /// A copy of the shipped fixtures in a temporary directory, with `edit` applied to one file.
    static func fixturesDirectory(editing file: String? = nil, _ edit: (String) -> String = { $0 }) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("xena-mock-fixtures-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for name in ["users.json", "clients.json", "api-resources.json", "signing-key.pem"] {
            let source = URL(fileURLWithPath: TestServer.fixturesDirectory).appendingPathComponent(name)
            var text = try String(contentsOf: source, encoding: .utf8)
            if name == file { text = edit(text) }
            try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return directory
    }

    static func loadError(editing file: String, _ edit: (String) -> String) throws -> String {
        let directory = try self.fixturesDirectory(editing: file, edit)
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            _ = try IdentityFixtures.load(from: directory, displayDirectory: "fx")
            return "loaded"
        } catch {
            return error.message
        }
    }

    @Test func shippedFixturesHoldTheDemoIdentities() throws {
        let fixtures = try IdentityFixtures.load(from: URL(fileURLWithPath: TestServer.fixturesDirectory), displayDirectory: "fixtures")
        let users = Dictionary(uniqueKeysWithValues: fixtures.users.map { ($0.username, $0) })
        #expect(users["alice"]?.password == "alice")
        #expect(users["bob"]?.password == "bob")
        #expect(users["alice"]?.memberships.count == 2)
        #expect(users["bob"]?.memberships.count == 1)
        let clients = Dictionary(uniqueKeysWithValues: fixtures.clients.map { ($0.clientID, $0) })
        #expect(clients["demo-service.xena.biz"]?.serviceAccountUser == "alice")
        #expect(clients["demo-hybrid.xena.biz"]?.redirectURIs.contains("http://127.0.0.1/callback") == true)
        #expect(clients["demo-native.xena.biz"]?.isPublic == true)
        #expect(clients["demo-native.xena.biz"]?.requirePKCE == true)
        #expect(clients["demo-implicit.xena.biz"]?.allows(.implicit) == true)
        #expect(fixtures.signingKeyPEM != nil)
    }

    @Test func aWrongTypeNamesTheFileAndJSONPath() throws {
        let message = try Self.loadError(editing: "clients.json") {
            $0.replacingOccurrences(of: #""require_pkce": true"#, with: #""require_pkce": "yes""#)
        }
        #expect(message == "fx/clients.json: $[2].require_pkce: expected true or false")
    }

    @Test func anUnknownGrantTypeNamesItsPath() throws {
        let message = try Self.loadError(editing: "clients.json") {
            $0.replacingOccurrences(of: #"["client_credentials"]"#, with: #"["client_credential"]"#)
        }
        #expect(message.hasPrefix("fx/clients.json: $[0].grant_types[0]: "))
    }

    @Test func aMissingKeyIsNamed() throws {
        let message = try Self.loadError(editing: "users.json") {
            $0.replacingOccurrences(of: #""xena_user_id": 5512002,"#, with: "")
        }
        #expect(message == "fx/users.json: $[1].xena_user_id: required key is missing")
    }

    @Test func brokenJSONIsReportedWithTheFile() throws {
        let message = try Self.loadError(editing: "api-resources.json") { $0 + "}" }
        #expect(message.hasPrefix("fx/api-resources.json: invalid JSON"))
    }

    @Test(arguments: ["{issuer}", "{issuer}callback", "{issuer}/cb#frag"])
    func anIssuerRedirectURIMustNameAPathOnTheMock(uri: String) throws {
        let message = try Self.loadError(editing: "clients.json") {
            $0.replacingOccurrences(of: #""{issuer}/_mock/playground/callback""#, with: "\"\(uri)\"")
        }
        #expect(message.hasSuffix("redirect_uris[2]: '\(uri)' is not an absolute URI"), "\(message)")
    }

    @Test func anUnknownScopeIsRefused() throws {
        let message = try Self.loadError(editing: "clients.json") {
            $0.replacingOccurrences(of: #""allowed_scopes": ["testapi"]"#, with: #""allowed_scopes": ["testapi", "admin"]"#)
        }
        #expect(message.hasPrefix("fx/clients.json: $[0].allowed_scopes[1]: unknown scope 'admin'"))
    }

    @Test func aServiceAccountMustActForAKnownUser() throws {
        let message = try Self.loadError(editing: "clients.json") {
            $0.replacingOccurrences(of: #""service_account_user": "alice""#, with: #""service_account_user": "carol""#)
        }
        #expect(message == "fx/clients.json: $[0].service_account_user: no user named 'carol' in users.json")
    }

    @Test func duplicateUsernamesAreRefused() throws {
        let message = try Self.loadError(editing: "users.json") {
            $0.replacingOccurrences(of: #""username": "bob""#, with: #""username": "alice""#)
        }
        #expect(message == "fx/users.json: $[1].username: 'alice' is used by another user")
    }

    @Test func aMissingFileIsNamed() throws {
        let directory = try Self.fixturesDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.removeItem(at: directory.appendingPathComponent("clients.json"))
        #expect(throws: ConfigurationError("fx/clients.json: file not found")) {
            try IdentityFixtures.load(from: directory, displayDirectory: "fx")
        }
    }

    @Test func aBrokenSigningKeyIsNamed() async throws {
        let directory = try Self.fixturesDirectory(editing: "signing-key.pem") { _ in "not a key" }
        defer { try? FileManager.default.removeItem(at: directory) }
        let configuration = XenaMockConfiguration(port: 0, fixturesDirectory: directory.path)
        await #expect(throws: ConfigurationError("signing-key.pem: not a PEM RSA private key")) {
            _ = try await XenaMockInstance(configuration: configuration)
        }
    }

    @Test func aMissingDirectoryIsNamed() async throws {
        let configuration = XenaMockConfiguration(port: 0, fixturesDirectory: "/nonexistent/fixtures")
        await #expect(throws: ConfigurationError("fixtures directory '/nonexistent/fixtures' does not exist")) {
            _ = try await XenaMockInstance(configuration: configuration)
        }
    }
}

@Suite struct FixtureLocationTests {
    @Test func theBundledFixturesAreTheResourceBundlesCopyOfFixtures() throws {
        let bundled = try #require(FixtureLocation.bundled)
        #expect(bundled.path.contains(BundledFixtures.bundleName))
        for file in ["users.json", "clients.json", "api-resources.json", "signing-key.pem", "api/xena-api-swagger.json"] {
            let copy = try Data(contentsOf: bundled.appendingPathComponent(file))
            let original = try Data(contentsOf: URL(fileURLWithPath: TestServer.fixturesDirectory).appendingPathComponent(file))
            #expect(copy == original, "\(file) differs from fixtures/\(file)")
        }
    }
}

@Suite struct LoginNameFixtureTests {
    @Test func aSixDigitCodeIsRequired() throws {
        let message = try IdentityFixturesTests.loadError(editing: "users.json") { $0.replacingOccurrences(of: #""otp": "135790""#, with: #""otp": "1357""#) }
        #expect(message.hasSuffix("users.json: $[2].otp: must be a 6-digit code, got '1357'"))
    }

    @Test func anAliasCannotBeAnotherUsersLoginName() throws {
        let message = try IdentityFixturesTests.loadError(editing: "users.json") {
            $0.replacingOccurrences(of: #"["asorensen"]"#, with: #"["bob@example.dk"]"#)
        }
        #expect(message.hasSuffix("users.json: $[0].aliases[0]: 'bob@example.dk' is already another login name"))
    }
}
