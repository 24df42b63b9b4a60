import ArgumentParser
import Foundation
import Logging
import Testing

@testable import XenaMock
@testable import xena_mock

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
            _ = try await XenaMockInstance(configuration: configuration)
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

    @Test func tokenFaultFlagsReachTheConfiguration() throws {
        let command = try ServeCommand.parse(["--expired-tokens", "--token-fault", "wrong-issuer"])
        #expect(try command.makeConfiguration().tokenFaults == [.wrongIssuer, .expired])
    }

    @Test(arguments: [
        ["--tls-cert", "c.pem"], ["--tls-key", "k.pem"], ["--tls-host", "mock.test"], ["--tls-ca-out", "ca.pem"],
        ["--tls", "--tls-cert", "c.pem", "--tls-key", "k.pem"],
    ])
    func tlsFlagsThatDoNotGoTogetherAreRefused(arguments: [String]) {
        #expect(throws: (any Error).self) { try ServeCommand.parse(arguments) }
    }

    @Test func tlsFlagsReachTheConfiguration() throws {
        let generated = try ServeCommand.parse(["--tls", "--tls-host", "mock.test", "--tls-ca-out", "ca.pem"]).makeConfiguration()
        #expect(generated.tls == TLSOptions(source: .generated(hosts: ["mock.test"]), caOutput: "ca.pem"))
        let files = try ServeCommand.parse(["--tls-cert", "c.pem", "--tls-key", "k.pem"]).makeConfiguration()
        #expect(files.tls == TLSOptions(source: .files(certificate: "c.pem", key: "k.pem")))
        #expect(try ServeCommand.parse([]).makeConfiguration().tls == nil)
    }

    @Test(arguments: [
        "--clock-skew=86401", "--access-token-lifetime=315360001", "--refresh-token-lifetime=0", "--code-lifetime=-5",
        "--journal-capacity=100001", "--latency=600001", "--clock-offset=1e300", "--clock-offset=-1e12", "--read-timeout=0", "--idle-timeout=3601",
        "--port=65536", "--rotate-keys-every=0", "--jwks-max-age=-1", "--jwks-max-age=31536001",
    ])
    func commandLineNumbersAreBounded(flag: String) {
        #expect(throws: (any Error).self) { try ServeCommand.parse([flag]) }
    }

    /// The README's "Command line" table, the CLI's help and the configuration name the same default for every flag.
    @Test func everyDefaultAgreesInTheREADMETheHelpAndTheConfiguration() throws {
        let configuration = XenaMockConfiguration()
        let expected: [String: String] = [
            "--host": configuration.host, "--port": "\(configuration.port)", "--consent": configuration.consentMode.rawValue,
            "--user": configuration.defaultUser, "--clock-skew": "\(configuration.clockSkew)",
            "--clock-offset": "\(Int(configuration.clockOffset))", "--access-token-lifetime": "\(configuration.lifetimes.accessToken)",
            "--refresh-token-lifetime": "\(configuration.lifetimes.refreshToken)", "--code-lifetime": "\(configuration.lifetimes.authorizationCode)",
            "--latency": "\(configuration.latencyMilliseconds)", "--journal-capacity": "\(configuration.journalCapacity)",
            "--read-timeout": "\(configuration.requestLimits.readTimeoutSeconds)",
            "--idle-timeout": "\(configuration.requestLimits.idleTimeoutSeconds)", "--log-level": configuration.logLevel.rawValue,
            "--data-seed": "\(configuration.dataSeed)", "--jwks-max-age": "\(configuration.jwksMaxAge)",
        ]
        let readme = try String(contentsOfFile: TestServer.fixturesDirectory + "/../README.md", encoding: .utf8)
        let table = try #require(readme.range(of: "## Command line").map { String(readme[$0.upperBound...]) })
        var documented: [String: String] = [:]
        for line in table.split(separator: "\n").prefix(while: { !$0.hasPrefix("## ") }) where line.hasPrefix("| `--") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            let defaults = cells[1].split(separator: "`").map(String.init).filter { $0 != ", " && !$0.isEmpty }
            let flags = cells[0].split(separator: "`").map(String.init).filter { $0.hasPrefix("--") }
            for (flag, value) in zip(flags, defaults.count == flags.count ? defaults : Array(repeating: cells[1], count: flags.count)) {
                documented[flag] = value
            }
        }
        // The help's block for each option, its wrapped lines joined.
        var help: [String: String] = [:]
        var current: String?
        for line in ServeCommand.helpMessage().split(separator: "\n") {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.hasPrefix("--") || text.hasPrefix("-h") {
                current = String(text.split(separator: " ").first ?? "")
                help[current ?? ""] = text
            } else if let flag = current {
                help[flag, default: ""] += " " + text
            }
        }
        for (flag, value) in expected.sorted(by: { $0.key < $1.key }) {
            #expect(documented[flag] == value, "README: \(flag) documents \(documented[flag] ?? "nothing"), the configuration has \(value)")
            let shown = flag == "--clock-offset" ? "\(configuration.clockOffset)" : value
            #expect(help[flag]?.contains("default: \(shown))") == true, "help for \(flag): \(help[flag] ?? "missing")")
        }
    }
}
