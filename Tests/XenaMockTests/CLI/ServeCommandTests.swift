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
