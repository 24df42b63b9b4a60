import ArgumentParser
import Foundation
import Logging
import XenaMock

/// `xena-mock token`: prints a token signed with the fixtures' key, without starting a server, for curl and scripts.
///
/// ```sh
/// TOKEN=$(xena-mock token --user alice --client demo-service.xena.biz --scope testapi)
/// curl -H "Authorization: Bearer $TOKEN" http://localhost:5000/Api/User/FiscalSetup
/// ```
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Print an access token signed with the fixtures' key, without starting a server."
    )

    @Option(help: "The username the token is for.")
    var user: String = XenaMockConfiguration().defaultUser

    @Option(help: "The client the token is issued to.")
    var client: String = "demo-service.xena.biz"

    @Option(help: "Scopes, space-separated or repeated (default: the client's API scopes).")
    var scope: [String] = []

    @Option(help: "Lifetime in seconds (default: the client's access token lifetime).")
    var expiresIn: Int?

    @Option(help: "The issuer the server will have (default: http://localhost:PORT).")
    var issuer: String?

    @Option(help: "The port the server will listen on, for the default issuer.")
    var port: Int = XenaMockConfiguration().port

    @Option(help: "The fixtures directory (default: ./fixtures, else the bundled fixtures).")
    var fixtures: String?

    @Option(help: "Sign as the server with this --data-dir does now: its current key (after rotations), users, clients and clock.")
    var dataDir: String?

    @Flag(help: "Print the whole token response as JSON (with an id_token when openid is among the scopes).")
    var json = false

    init() {}

    func validate() throws {
        if let expiresIn, let problem = InputBounds.problem("--expires-in", expiresIn, in: InputBounds.lifetimeSeconds, unit: "seconds") {
            throw ValidationError(problem)
        }
        guard (1...65535).contains(self.port) else { throw ValidationError("--port must be between 1 and 65535, got \(self.port)") }
        if let issuer { do { _ = try IssuerURL(issuer) } catch { throw ValidationError(error.message) } }
    }

    func run() async throws {
        let configuration = XenaMockConfiguration(
            port: self.port, issuer: try self.issuer.map { try IssuerURL($0) }, fixturesDirectory: self.fixtures, logLevel: .error,
            dataDirectory: self.dataDir)
        let identityServer = try await XenaMockInstance(configuration: configuration).identityServer
        let scopes = self.scope.flatMap { StandardScope.parse($0) }
        let response: TokenResponse
        do {
            response = try identityServer.mintToken(
                username: self.user, clientID: self.client, scopes: scopes.isEmpty ? nil : scopes, lifetime: self.expiresIn)
        } catch {
            throw ConfigurationError(error.errorDescription ?? error.code.rawValue)
        }
        ConsoleOutput.printLine(self.json ? Self.json(response) : response.accessToken)
    }

    /// The token response as the token endpoint writes it: sorted keys, slashes unescaped.
    static func json(_ response: TokenResponse) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(response)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
