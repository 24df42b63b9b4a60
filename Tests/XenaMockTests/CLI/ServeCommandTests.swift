import ArgumentParser
import Foundation
import Testing

@testable import XenaMock

@Suite struct ServeCommandTests {
    @Test func defaultsMatchTheDocumentation() throws {
        let command = try ServeCommand.parse([])
        let configuration = try command.makeConfiguration()
        #expect(configuration.host == "127.0.0.1")
        #expect(configuration.port == 5000)
        #expect(configuration.issuer == nil)
        #expect(configuration.fixturesDirectory == nil)
    }

    @Test func optionsReachTheConfiguration() throws {
        let command = try ServeCommand.parse([
            "--host", "0.0.0.0", "--port", "6000", "--issuer", "https://login.test/", "--fixtures", "/tmp/fx", "--log-level", "debug",
        ])
        let configuration = try command.makeConfiguration()
        #expect(configuration.host == "0.0.0.0")
        #expect(configuration.port == 6000)
        #expect(configuration.issuer?.string == "https://login.test")
        #expect(configuration.fixturesDirectory == "/tmp/fx")
        #expect(configuration.logLevel == .debug)
    }

    @Test(arguments: [
        (["--port", "70000"], "--port must be between 0 and 65535, got 70000"),
        (["--port=-1"], "--port must be between 0 and 65535, got -1"),
        (["--issuer", "login.test"], "--issuer must be an absolute http or https URL without query or fragment, got 'login.test'"),
        (["--issuer", "ftp://login.test"], "--issuer must be an absolute http or https URL without query or fragment, got 'ftp://login.test'"),
        (["--log-level", "loud"], "--log-level must be one of trace, debug, info, notice, warning, error, critical; got 'loud'"),
    ])
    func invalidValuesGiveOneClearLine(arguments: [String], expected: String) throws {
        do {
            _ = try ServeCommand.parse(arguments)
            Issue.record("\(arguments) parsed")
        } catch {
            #expect(CommandLineRunner.oneLine(ServeCommand.message(for: error)) == expected)
        }
    }

    @Test func consentOptionsReachTheConfiguration() throws {
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("script-\(UUID().uuidString).json")
        try #"[{"outcome": "approve", "user": "bob"}, "deny"]"#.write(to: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: script) }
        let configuration = try ServeCommand.parse([
            "--consent", "interactive", "--user", "bob", "--consent-script", script.path, "--clock-skew", "30",
        ]).makeConfiguration()
        #expect(configuration.consentMode == .interactive)
        #expect(configuration.defaultUser == "bob")
        #expect(configuration.consentScript == [.approve(user: "bob"), .deny])
        #expect(configuration.clockSkew == 30)
    }

    @Test func aBadConsentScriptNamesTheFileAndPath() throws {
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("script-\(UUID().uuidString).json")
        try #"["deny", {"outcome": "perhaps"}]"#.write(to: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: script) }
        #expect(throws: ConfigurationError.self) { try ServeCommand.parse(["--consent-script", script.path]).makeConfiguration() }
        do {
            _ = try ServeCommand.parse(["--consent-script", script.path]).makeConfiguration()
        } catch {
            #expect(String(describing: error).hasPrefix("\(script.path): $[1].outcome: unknown outcome 'perhaps'"))
        }
    }

    @Test func anUnknownConsentModeIsRefused() throws {
        #expect(throws: (any Error).self) { try ServeCommand.parse(["--consent", "maybe"]) }
        #expect(throws: (any Error).self) { try ServeCommand.parse(["--clock-skew=-1"]) }
    }

    @Test func anUnknownDefaultUserStopsTheServer() async throws {
        var configuration = try TestServer.configuration()
        configuration.defaultUser = "carol"
        await #expect(throws: ConfigurationError("--user 'carol' is not a user in users.json")) {
            _ = try await MockEnvironment(configuration: configuration)
        }
    }

    @Test func unknownFlagsAreNamed() throws {
        do {
            _ = try ServeCommand.parse(["--prot", "5000"])
            Issue.record("parsed")
        } catch {
            let line = CommandLineRunner.oneLine(ServeCommand.message(for: error))
            #expect(line.contains("--prot"))
            #expect(!line.contains("\n"))
        }
    }
}
