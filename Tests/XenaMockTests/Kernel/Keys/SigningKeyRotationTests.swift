import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import XenaMock

/// Signing-key rotation: JWKS publishes every key not retired, new tokens carry the new `kid`, old tokens keep
/// working until their key is retired, and then are refused saying the key is unknown.
@Suite struct SigningKeyRotationTests {
    private static func jwksKeyIDs(_ client: any TestClientProtocol) async throws -> [String] {
        let jwks = try await client.execute(uri: EndpointPath.jwks, method: .get).jsonValue()
        return jwks[path: "keys"]?.elements?.compactMap { $0[path: "kid"]?.string } ?? []
    }

    private static func keyID(of token: String) throws -> String {
        try TokenSigner.keyID(of: token)
    }

    private static func control(_ client: any TestClientProtocol, _ method: HTTPRequest.Method, _ path: String) async throws -> TestResponse {
        try await client.execute(uri: "/_mock" + path, method: method)
    }

    @Test func rotatingPublishesTheNewKeyAndKeepsTheOldOneUntilItIsRetired() async throws {
        try await TestServer.withRouter { client, mock in
            let original = mock.kernel.signingKey.keyID
            let before = try await APIClient.alice(client)
            #expect(try Self.keyID(of: before.token) == original)

            let rotation = try await Self.control(client, .post, "/keys/rotate").jsonValue()
            let kid = try #require(rotation[path: "kid"]?.string)
            #expect(rotation[path: "previous"] == .string(original))
            #expect(try await Self.jwksKeyIDs(client) == [original, kid])

            let after = try await APIClient.alice(client)
            #expect(try Self.keyID(of: after.token) == kid)
            #expect(try await before.get("User/FiscalSetup").status == .ok, "a token of the previous key still verifies")
            #expect(try await after.get("User/FiscalSetup").status == .ok)

            let listed = try await Self.control(client, .get, "/keys").jsonValue()
            #expect(listed[path: "keys"]?.elements?.map { $0[path: "state"] } == ["published", "signing"])

            #expect(try await Self.control(client, .delete, "/keys/\(original)").status == .ok)
            #expect(try await Self.jwksKeyIDs(client) == [kid])
            let refused = try await before.get("User/FiscalSetup")
            #expect(refused.status == .unauthorized)
            let challenge = refused.headers[.wwwAuthenticate] ?? ""
            #expect(challenge.contains("invalid_token") && challenge.contains("unknown") && challenge.contains(original))
            #expect(try await after.get("User/FiscalSetup").status == .ok)

            // Userinfo and introspection refuse it too.
            let userinfo = try await client.execute(uri: EndpointPath.userinfo, method: .get, headers: [.authorization: "Bearer \(before.token)"])
            #expect(userinfo.status == .unauthorized)
        }
    }

    @Test func theSigningKeyCannotBeRetiredAndAnUnknownOneIsNotFound() async throws {
        try await TestServer.withRouter { client, mock in
            let signing = try await Self.control(client, .delete, "/keys/\(mock.kernel.signingKey.keyID)")
            #expect(signing.status == .conflict)
            #expect(try signing.jsonValue()[path: "error_description"]?.string?.contains("rotate") == true)
            #expect(try await Self.control(client, .delete, "/keys/NO-SUCH-KEY").status == .notFound)
        }
    }

    @Test func aResetBringsBackTheFixturesKeyAlone() async throws {
        try await TestServer.withRouter { client, mock in
            _ = try await Self.control(client, .post, "/keys/rotate")
            _ = try await Self.control(client, .post, "/reset")
            #expect(try await Self.jwksKeyIDs(client) == [mock.kernel.signingKey.keyID])
        }
    }

    @Test func scheduledRotationFollowsTheMockClock() async throws {
        var configuration = try TestServer.configuration()
        configuration.keyRotationSeconds = 3600
        try await TestServer.withRouter(configuration) { client, mock in
            let original = mock.kernel.signingKey.keyID
            let published = try await Self.jwksKeyIDs(client)
            #expect(published.count == 2, "the next key is published ahead")
            let upcoming = try #require(published.last)
            #expect(try Self.keyID(of: try await APIClient.alice(client).token) == original)

            mock.kernel.clock.advance(by: 3601)
            let token = try await APIClient.alice(client).token
            #expect(try Self.keyID(of: token) == upcoming, "the key published ahead now signs")
            let after = try await Self.jwksKeyIDs(client)
            #expect(after.contains(original) && after.contains(upcoming), "the previous key stays published")
            let states = mock.kernel.signingKeys.list.filter { $0.kid == upcoming }.map(\.state)
            #expect(states == [.signing])
        }
    }

    @Test func theCacheLifetimeOfJWKSIsConfigurable() async throws {
        var configuration = try TestServer.configuration()
        configuration.jwksMaxAge = 60
        try await TestServer.withRouter(configuration) { client, _ in
            let jwks = try await client.execute(uri: EndpointPath.jwks, method: .get)
            #expect(jwks.headers[.cacheControl] == "max-age=60")
        }
    }
}
