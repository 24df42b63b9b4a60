import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import XenaMock

@Suite struct UserInfoTests {
    @Test func returnsTheClaimsOfTheGrantedScopes() async throws {
        try await TestServer.withRouter { client, mock in
            let token = try #require(try await BrowserFlow.nativeLogin(client, scope: "openid profile testapi")["access_token"]?.string)
            let response = try await client.execute(uri: "/connect/userinfo", method: .get, headers: [.authorization: "Bearer \(token)"])
            #expect(response.status == .ok)
            let body = try response.json()
            #expect(body["sub"]?.string == mock.kernel.directory.user(named: "alice")?.subject)
            #expect(body["name"]?.string == "Alice Sørensen")
            #expect(body["preferred_username"]?.string == "alice")
            #expect(body["locale"]?.string == "da-DK")
            #expect(body["website"]?.string == "https://cykler.example.dk")
            #expect(body["email"] == nil, "email scope not granted")

            let post = try await client.execute(
                uri: "/connect/userinfo", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "access_token=\(token)"))
            #expect(post.status == .ok)
        }
    }

    @Test func refusalsFollowRFC6750() async throws {
        try await TestServer.withRouter { client, mock in
            let missing = try await client.execute(uri: "/connect/userinfo", method: .get)
            #expect(missing.status == .unauthorized)
            #expect(missing.headers[.wwwAuthenticate] == "Bearer")

            let garbage = try await client.execute(uri: "/connect/userinfo", method: .get, headers: [.authorization: "Bearer not.a.jwt"])
            #expect(garbage.status == .unauthorized)
            #expect(garbage.headers[.wwwAuthenticate]?.hasPrefix("Bearer error=\"invalid_token\"") == true)

            let service = try await BrowserFlow.serviceToken(client)
            let noOpenID = try await client.execute(uri: "/connect/userinfo", method: .get, headers: [.authorization: "Bearer \(service)"])
            #expect(noOpenID.status == .forbidden)
            #expect(noOpenID.headers[.wwwAuthenticate]?.contains("error=\"insufficient_scope\"") == true)

            let token = try #require(try await BrowserFlow.nativeLogin(client)["access_token"]?.string)
            mock.kernel.clock.advance(by: 3601)
            let expired = try await client.execute(uri: "/connect/userinfo", method: .get, headers: [.authorization: "Bearer \(token)"])
            #expect(expired.status == .unauthorized)
            #expect(expired.headers[.wwwAuthenticate]?.contains("The token expired at") == true)
        }
    }

    @Test func tamperedAndForeignTokensAreInvalid() async throws {
        try await TestServer.withRouter { client, _ in
            let token = try #require(try await BrowserFlow.nativeLogin(client)["access_token"]?.string)
            var parts = token.split(separator: ".").map(String.init)
            parts[2] = String(parts[2].reversed())
            let tampered = try await client.execute(uri: "/connect/userinfo", method: .get, headers: [.authorization: "Bearer \(parts.joined(separator: "."))"])
            #expect(tampered.headers[.wwwAuthenticate]?.contains("The signature is invalid.") == true)

            // A token signed by another server's key (another key id).
            var fixtures = try IdentityFixtures.load(from: URL(fileURLWithPath: TestServer.fixturesDirectory), displayDirectory: "fixtures")
            fixtures.signingKeyPEM = nil
            var configuration = try TestServer.configuration()
            configuration.identityFixtures = fixtures
            let other = try await TestServer.mock(configuration)
            let foreign = try other.identityServer.tokenIssuer.issueAccessToken(
                for: AccessTokenGrant(
                    client: try #require(other.kernel.directory.client(id: "demo-native.xena.biz")),
                    user: try #require(other.kernel.directory.user(named: "alice")),
                    scopes: ["openid"], lifetime: 60))
            let response = try await client.execute(uri: "/connect/userinfo", method: .get, headers: [.authorization: "Bearer \(foreign.token)"])
            #expect(response.headers[.wwwAuthenticate]?.contains("The signature key was not found.") == true)
        }
    }
}
