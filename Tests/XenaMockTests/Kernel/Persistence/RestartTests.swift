import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import XenaMock

/// A test that cannot go on.
struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// `--data-dir`: what a server changed is there after a restart on the same directory, and a reset goes back to the
/// fixtures there too.
@Suite struct RestartTests {
    /// A fresh data directory for one test.
    static func dataDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("xena-mock-restart-\(UUID().uuidString)").path
    }

    static func configuration(_ directory: String) throws -> XenaMockConfiguration {
        var configuration = try TestServer.configuration()
        configuration.dataDirectory = directory
        return configuration
    }

    @Test func identityStateSurvivesARestart() async throws {
        let directory = Self.dataDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let before = try await XenaMockInstance(configuration: try Self.configuration(directory))
        let alice = try #require(before.kernel.directory.user(named: "alice"))
        var carol = alice
        carol.aliases = nil
        (carol.subject, carol.username, carol.preferredUsername, carol.email) = ("carol-sub", "carol", "carol", "carol@example.test")
        try before.kernel.directory.put(carol)
        let (rotated, _) = try await before.kernel.signingKeys.rotate()
        before.kernel.clock.advance(by: 3600)
        let native = try #require(before.kernel.directory.client(id: "demo-native.xena.biz"))
        before.identityServer.consents.record(
            subject: alice.subject, client: native, scopes: ["openid", "testapi"], remember: true, at: before.kernel.clock.now)
        let (cookie, session) = before.identityServer.sessions.startSession(subject: alice.subject)
        let refreshToken = try await buildApplication(instance: before).test(.router) { client in
            try #require(try await BrowserFlow.nativeLogin(client)["refresh_token"]?.string)
        }

        let after = try await XenaMockInstance(configuration: try Self.configuration(directory))
        #expect(after.kernel.directory.user(named: "carol")?.subject == "carol-sub")
        #expect(after.kernel.signingKeys.list.map(\.kid) == before.kernel.signingKeys.list.map(\.kid))
        #expect(after.kernel.signingKeys.list.last?.kid == rotated)
        #expect(abs(after.kernel.clock.offset - 3600) < 1)
        #expect(after.identityServer.consents.records(subject: alice.subject).contains { $0.clientID == native.clientID && $0.remembered })
        #expect(after.identityServer.sessions.session(cookie: cookie) == session)
        try await buildApplication(instance: after).test(.router) { client in
            let refreshed = try await client.postForm(
                "/connect/token", [("grant_type", "refresh_token"), ("refresh_token", refreshToken), ("client_id", "demo-native.xena.biz")])
            #expect(refreshed.status == .ok)
            // Signed by the rotated key, which the restarted server still holds.
            let accessToken = try refreshed.decode(TokenResponse.self).accessToken
            let header = try Base64URL.decode(String(try #require(accessToken.split(separator: ".").first)))
            #expect(String(decoding: header, as: UTF8.self).contains(rotated))
        }
    }

    @Test func apiChangesSurviveARestart() async throws {
        let directory = Self.dataDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let before = try await XenaMockInstance(configuration: try Self.configuration(directory))
        let (created, deleted, updatedSetup) = try await buildApplication(instance: before).test(.router) { client in
            let api = try await APIClient.alice(client)
            let created = try await api.send(.post, "Fiscal/\(APIClient.norrebro)/Partner", json: #"{"Name": "Saved ApS"}"#).jsonValue()
            let generated = try await api.get("Fiscal/\(APIClient.fjordkaffe)/Partner").jsonValue()
            guard case .array(let entities)? = generated[path: "Entities"] else { throw TestFailure("no Entities in \(generated)") }
            let victim = try #require(entities.first?[path: "Id"]?.integer)
            #expect(try await api.send(.delete, "Fiscal/\(APIClient.fjordkaffe)/Partner/\(victim)", json: "{}").status == .ok)
            var setup = try #require(try await api.get("Fiscal/\(APIClient.norrebro)/FiscalSetup").jsonValue().object)
            var address = setup["Address"]?.object ?? [:]
            address["Name"] = "Renamed ApS"
            setup["Address"] = .object(address)
            #expect(try await api.send(.put, "Fiscal/\(APIClient.norrebro)/FiscalSetup", .object(setup)).status == .ok)
            return (try #require(created.object?["Id"]?.integer), victim, JSONValue.object(setup))
        }

        let after = try await XenaMockInstance(configuration: try Self.configuration(directory))
        try await buildApplication(instance: after).test(.router) { client in
            let api = try await APIClient.alice(client)
            let partner = try await api.get("Fiscal/\(APIClient.norrebro)/Partner/\(created)")
            #expect(partner.status == .ok)
            #expect(try partner.jsonValue()[path: "Name"] == "Saved ApS")
            #expect(try await api.get("Fiscal/\(APIClient.fjordkaffe)/Partner/\(deleted)").status == .notFound)
            let setup = try await api.get("Fiscal/\(APIClient.norrebro)/FiscalSetup").jsonValue()
            #expect(setup[path: "Address.Name"] == "Renamed ApS")
            #expect(updatedSetup[path: "Address.Name"] == "Renamed ApS")
            // New ids keep counting after the saved ones.
            let next = try await api.send(.post, "Fiscal/\(APIClient.norrebro)/Partner", json: #"{"Name": "Next ApS"}"#).jsonValue()
            #expect(try #require(next[path: "Id"]?.integer) > created)
        }
    }

    @Test func theGeneratedCertificateAuthorityIsTheSameAfterARestartAndAReset() async throws {
        let directory = Self.dataDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var configuration = try Self.configuration(directory)
        configuration.tls = TLSOptions(source: .generated(hosts: []))
        let first = try await XenaMockInstance(configuration: configuration)
        let authority = try #require(first.kernel.tls?.caCertificatePEM)
        #expect(first.kernel.tls?.caCertificateFile == directory + "/ca.pem")
        #expect(try String(contentsOfFile: directory + "/ca.pem", encoding: .utf8) == authority)
        await first.reset()
        let second = try await XenaMockInstance(configuration: configuration)
        #expect(second.kernel.tls?.caCertificatePEM == authority)
    }

    @Test func aResetReturnsTheDirectoryToTheFixtures() async throws {
        let directory = Self.dataDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let before = try await XenaMockInstance(configuration: try Self.configuration(directory))
        var carol = try #require(before.kernel.directory.user(named: "alice"))
        carol.aliases = nil
        (carol.subject, carol.username, carol.preferredUsername) = ("carol-sub", "carol", "carol")
        try before.kernel.directory.put(carol)
        before.kernel.clock.advance(by: 600)
        _ = try await before.kernel.signingKeys.rotate()
        await before.reset()
        #expect(before.kernel.database?.counts.keys.sorted() == ["clock", "signing-keys"], "only the start state is saved after a reset")

        let after = try await XenaMockInstance(configuration: try Self.configuration(directory))
        #expect(after.kernel.directory.user(named: "carol") == nil)
        #expect(abs(after.kernel.clock.offset) < 1)
        #expect(after.kernel.signingKeys.list.count == 1)
    }
}
