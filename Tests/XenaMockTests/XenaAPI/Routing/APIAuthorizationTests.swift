import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import XenaMock

@Suite struct APIAuthorizationTests {
    @Test func noTokenIs401WithABareBearerChallenge() async throws {
        try await TestServer.withRouter { client, _ in
            let response = try await client.execute(uri: "/Api/User/FiscalSetup", method: .get)
            #expect(response.status == .unauthorized)
            #expect(response.headers[.wwwAuthenticate] == "Bearer")
        }
    }

    @Test func badAndForeignTokensAreInvalid() async throws {
        try await TestServer.withRouter { client, _ in
            for token in ["garbage", "a.b.c", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."] {
                let response = try await APIClient(client: client, token: token).get("User/FiscalSetup")
                #expect(response.status == .unauthorized, "\(token)")
                #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer error=\"invalid_token\", error_description=\"") == true)
            }
            let none = try await APIClient(client: client, token: "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.").get("User/FiscalSetup")
            #expect(none.headers[.wwwAuthenticate]?.contains("algorithm 'none' is not accepted") == true)
        }
    }

    @Test func anExpiredTokenFailsAtOnceAndSaysWhen() async throws {
        try await TestServer.withRouter { client, mock in
            let api = try await APIClient.alice(client)
            #expect(try await api.get("User/FiscalSetup").status == .ok)
            let expiry = try #require(try DecodedJWT(api.token).claims["exp"]?.integer)
            mock.kernel.clock.advance(by: 3600)
            let response = try await api.get("User/FiscalSetup")
            #expect(response.status == .unauthorized)
            let expected = Date(timeIntervalSince1970: TimeInterval(expiry)).formatted(.iso8601)
            #expect(response.headers[.wwwAuthenticate] == "Bearer error=\"invalid_token\", error_description=\"The token expired at '\(expected)'.\"")
        }
    }

    @Test func clockSkewToleratesALittleExpiry() async throws {
        var configuration = try TestServer.configuration()
        configuration.clockSkew = 300
        try await TestServer.withRouter(configuration) { client, mock in
            let api = try await APIClient.alice(client)
            mock.kernel.clock.advance(by: 3700)
            #expect(try await api.get("User/FiscalSetup").status == .ok)
            mock.kernel.clock.advance(by: 300)
            #expect(try await api.get("User/FiscalSetup").status == .unauthorized)
        }
    }

    @Test func aTokenWithoutTestapiIs403() async throws {
        try await TestServer.withRouter { client, _ in
            let tokens = try await BrowserFlow.nativeLogin(client, scope: "openid profile")
            let response = try await APIClient(client: client, token: try #require(tokens["access_token"]?.string)).get("User/FiscalSetup")
            #expect(response.status == .forbidden)
            #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer error=\"insufficient_scope\"") == true)
        }
    }

    @Test func aRevokedTokenIsRefused() async throws {
        try await TestServer.withRouter { client, _ in
            let api = try await APIClient.alice(client)
            _ = try await client.postForm(
                "/connect/revocation", [("token", api.token)], headers: [.authorization: FormBody.basic("demo-service.xena.biz", "demo-service-secret")])
            let response = try await api.get("User/FiscalSetup")
            #expect(response.status == .unauthorized)
            #expect(response.headers[.wwwAuthenticate]?.contains("revoked") == true)
        }
    }

    @Test func theLegacyAPIKeyIsNoLongerSupported() async throws {
        try await TestServer.withRouter { client, _ in
            let response = try await client.execute(uri: "/Api/User/FiscalSetup", method: .get, headers: [.xenaAPIKey: "0123456789"])
            #expect(response.status == .unauthorized)
            #expect((try response.json()["error_description"]?.string)?.contains("XenaApiKey header is no longer supported") == true)
        }
    }

    @Test func pathsMatchCaseInsensitively() async throws {
        try await TestServer.withRouter { client, _ in
            let api = try await APIClient.alice(client)
            for path in ["/Api/User/FiscalSetup", "/api/user/fiscalsetup", "/API/USER/FISCALSETUP"] {
                let response = try await client.execute(uri: path, method: .get, headers: [.authorization: "Bearer \(api.token)"])
                #expect(response.status == .ok, "\(path)")
            }
        }
    }
}
