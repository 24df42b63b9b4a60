import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import XenaMock

@Suite struct IntrospectionTests {
    static let resource = FormBody.basic("testapi", "testapi-secret")

    @Test func theAPIResourceSeesItsTokensActive() async throws {
        try await TestServer.withRouter { client, mock in
            let token = try await BrowserFlow.serviceToken(client)
            let response = try await client.postForm("/connect/introspect", [("token", token)], headers: [.authorization: Self.resource])
            #expect(response.status == .ok)
            let body = try response.json()
            #expect(body["active"]?.bool == true)
            #expect(body["client_id"]?.string == "demo-service.xena.biz")
            #expect(body["scope"]?.string == "testapi")
            #expect(body["sub"]?.string == mock.kernel.directory.user(named: "alice")?.subject)
            #expect(body["iss"]?.string == mock.kernel.currentIssuer.string)

            mock.kernel.clock.advance(by: 3601)
            let expired = try await client.postForm("/connect/introspect", [("token", token)], headers: [.authorization: Self.resource])
            #expect(try expired.json()["active"]?.bool == false)
        }
    }

    @Test func revokedAndUnknownTokensAreInactive() async throws {
        try await TestServer.withRouter { client, _ in
            let login = try await BrowserFlow.nativeLogin(client)
            let token = try #require(login["access_token"]?.string)
            _ = try await client.postForm("/connect/revocation", [("token", token), ("client_id", "demo-native.xena.biz")])
            let revoked = try await client.postForm("/connect/introspect", [("token", token)], headers: [.authorization: Self.resource])
            #expect(try revoked.json()["active"]?.bool == false)
            let unknown = try await client.postForm("/connect/introspect", [("token", "nope")], headers: [.authorization: Self.resource])
            #expect(try unknown.json() == ["active": false])
        }
    }

    @Test func clientsSeeOnlyTheirOwnTokensIncludingRefreshTokens() async throws {
        try await TestServer.withRouter { client, _ in
            let login = try await BrowserFlow.nativeLogin(client)
            let refresh = try #require(login["refresh_token"]?.string)
            let own = try await client.postForm("/connect/introspect", [("token", refresh), ("client_id", "demo-native.xena.biz")]).json()
            #expect(own["active"]?.bool == true)
            #expect(own["token_type"]?.string == "refresh_token")
            let access = try #require(login["access_token"]?.string)
            let foreign = try await client.postForm(
                "/connect/introspect", [("token", access)], headers: [.authorization: FormBody.basic("demo-hybrid.xena.biz", "demo-hybrid-secret")]
            ).json()
            #expect(foreign["active"]?.bool == false)
        }
    }

    @Test func callersMustAuthenticate() async throws {
        try await TestServer.withRouter { client, _ in
            let wrong = try await client.postForm("/connect/introspect", [("token", "x")], headers: [.authorization: FormBody.basic("testapi", "wrong")])
            #expect(wrong.status == .unauthorized)
            #expect(wrong.headers[.wwwAuthenticate]?.hasPrefix("Basic") == true)
            let none = try await client.postForm("/connect/introspect", [("token", "x")])
            #expect(none.status == .unauthorized)
            let noToken = try await client.postForm("/connect/introspect", [], headers: [.authorization: Self.resource])
            #expect(noToken.status == .badRequest)
        }
    }
}
