import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Testing

@testable import XenaMock

/// Runs the built `xena-mock` binary as users do.
@Suite(.serialized) struct ExecutableTests {
    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("xena-mock")
    }

    struct Finished {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Starts the binary; the caller ends it.
    static func start(_ arguments: [String]) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = self.executable
        process.arguments = arguments
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        return (process, stdout, stderr)
    }

    static func run(_ arguments: [String]) throws -> Finished {
        let (process, stdout, stderr) = try self.start(arguments)
        process.waitUntilExit()
        return Finished(
            status: process.terminationStatus,
            stdout: String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self),
            stderr: String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }

    /// Reads the "listening" line and returns the port in it.
    static func waitForListening(_ stdout: Pipe) throws -> Int {
        let line = String(decoding: stdout.fileHandleForReading.availableData, as: UTF8.self)
        let match = try #require(line.firstMatch(of: /listening on http:\/\/127\.0\.0\.1:(\d+) \(issuer http:\/\/localhost:(\d+)\)/))
        #expect(match.1 == match.2)
        return try #require(Int(match.1))
    }

    @Test func binaryIsBuilt() {
        #expect(FileManager.default.isExecutableFile(atPath: Self.executable.path), "run swift build first")
    }

    @Test func badFlagIsOneLineOnStderr() throws {
        let result = try Self.run(["--port", "nope"])
        #expect(result.status != 0)
        #expect(result.stderr.hasPrefix("xena-mock: "))
        #expect(result.stderr.filter { $0 == "\n" }.count == 1, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func invalidFixturesAreOneLineNamingTheFile() throws {
        let directory = try IdentityFixturesTests.fixturesDirectory(editing: "users.json") { $0.replacingOccurrences(of: "\"bob\"", with: "7") }
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try Self.run(["--port", "0", "--fixtures", directory.path])
        #expect(result.status != 0)
        #expect(result.stderr == "xena-mock: \(directory.path)/users.json: $[1].username: expected a string\n")
    }

    @Test func aDamagedDataDirectoryIsOneLineNamingTheFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("xena-mock-damaged-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: directory + "/xena-mock.sqlite"))
        let result = try Self.run(["--port", "0", "--data-dir", directory])
        #expect(result.status != 0)
        #expect(
            result.stderr
                == "xena-mock: \(directory)/xena-mock.sqlite: not a xena-mock database (the file is damaged or something else); move it away or pick another --data-dir\n"
        )
    }

    @Test func portInUseIsNamed() async throws {
        let group = MultiThreadedEventLoopGroup.singleton
        let channel = try await ServerBootstrap(group: group).bind(host: "127.0.0.1", port: 0).get()
        defer { channel.close(promise: nil) }
        let port = try #require(channel.localAddress?.port)
        let result = try Self.run(["--port", String(port)])
        #expect(result.status != 0)
        #expect(result.stderr == "xena-mock: port \(port) is already in use on 127.0.0.1\n")
    }

    @Test func theTokenSubcommandSignsWithTheDataDirectorysCurrentKey() async throws {
        let directory = RestartTests.dataDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (rotated, _) = try await XenaMockInstance(configuration: try RestartTests.configuration(directory)).kernel.signingKeys.rotate()
        let result = try Self.run(["token", "--data-dir", directory, "--fixtures", TestServer.fixturesDirectory])
        #expect(result.status == 0, "\(result.stderr)")
        let jwt = try DecodedJWT(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(jwt.header["kid"]?.string == rotated)
    }

    @Test func theTokenSubcommandPrintsASignedToken() throws {
        let result = try Self.run([
            "token", "--user", "bob", "--client", "demo-hybrid.xena.biz", "--scope", "openid testapi", "--expires-in", "120", "--port", "5123",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let token = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let jwt = try DecodedJWT(token)
        #expect(jwt.claims["iss"]?.string == "http://localhost:5123")
        #expect(jwt.claims["client_id"]?.string == "demo-hybrid.xena.biz")
        #expect(jwt.claims["scope"]?.strings == ["openid", "testapi"])
        #expect((jwt.claims["exp"]?.integer).map { $0 - (jwt.claims["iat"]?.integer ?? 0) } == 120)

        let json = try Self.run(["token", "--json"])
        #expect(json.stdout.contains("\"token_type\":\"Bearer\""))
        let unknown = try Self.run(["token", "--user", "carol"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr == "xena-mock: user: no user named 'carol'\n")
    }

    @Test func servesThenExitsZeroOnSIGTERMAndSIGINT() async throws {
        for signal in [SIGTERM, SIGINT] {
            let (process, stdout, _) = try Self.start(["--port", "0"])
            let port = try Self.waitForListening(stdout)
            let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)/healthz"), timeout: .seconds(5))
            #expect(response.status == .ok)
            #expect(String(buffer: try await response.body.collect(upTo: 1024)).contains("ok"))
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            #expect(process.terminationReason == .exit)
        }
    }
}
