import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import XenaMock

@Suite struct ClockControlTests {
    @Test func theClockCanBeReadAdvancedSetAndReset() async throws {
        try await TestServer.withRouter { client, _ in
            let initial = try await client.control(.get, "/clock").json()
            let start = try #require(initial["epochSeconds"]?.integer)
            #expect(abs(start - Int64(Date().timeIntervalSince1970)) < 5)

            let advanced = try await client.control(.post, "/clock/advance", json: #"{"seconds": 3601}"#).json()
            #expect(try #require(advanced["epochSeconds"]?.integer) - start >= 3601)
            #expect((advanced["offsetSeconds"]?.number).map { abs($0 - 3601) < 1 } == true)

            let set = try await client.control(.post, "/clock/set", json: #"{"time": "2030-01-01T00:00:00Z"}"#).json()
            #expect(set["epochSeconds"]?.integer == 1_893_456_000)
            #expect((set["now"]?.string)?.hasPrefix("2030-01-01T00:00:00") == true)

            let reset = try await client.control(.post, "/clock/reset").json()
            #expect(abs(try #require(reset["epochSeconds"]?.integer) - start) < 5)
        }
    }

    @Test func afterAnHourTokensAreRefusedRefreshStillWorksAndCodesExpire() async throws {
        try await TestServer.withRouter { client, _ in
            let login = try await BrowserFlow.nativeLogin(client)
            let accessToken = try #require(login["access_token"]?.string)
            let pkce = PKCEPair()
            let unusedCode = try #require(try await BrowserFlow.authorize(client, BrowserFlow.nativeCodeRequest(pkce))["code"])

            _ = try await client.control(.post, "/clock/advance", json: #"{"seconds": 3601}"#)

            let api = try await APIClient(client: client, token: accessToken).get("User/FiscalSetup")
            #expect(api.status == .unauthorized)
            #expect(api.headers[.wwwAuthenticate]?.contains("expired") == true)
            let userinfo = try await client.execute(uri: "/connect/userinfo", method: .get, headers: [.authorization: "Bearer \(accessToken)"])
            #expect(userinfo.status == .unauthorized)

            let refreshed = try await RefreshTokenGrantTests.refresh(client, try #require(login["refresh_token"]?.string))
            #expect(refreshed.status == .ok)
            let fresh = try #require(try refreshed.json()["access_token"]?.string)
            #expect(try await APIClient(client: client, token: fresh).get("User/FiscalSetup").status == .ok)

            let exchange = try await client.postForm(
                "/connect/token",
                [
                    ("grant_type", "authorization_code"), ("code", unusedCode), ("redirect_uri", BrowserFlow.nativeRedirect),
                    ("client_id", "demo-native.xena.biz"), ("code_verifier", pkce.verifier),
                ])
            #expect(try exchange.json()["error"]?.string == "invalid_grant")
        }
    }

    @Test func aStartOffsetShiftsEveryTimestamp() async throws {
        var configuration = try TestServer.configuration()
        configuration.clockOffset = -86_400
        try await TestServer.withRouter(configuration) { client, _ in
            let token = try await BrowserFlow.serviceToken(client)
            let issuedAt = try #require(try DecodedJWT(token).claims["iat"]?.integer)
            #expect(abs(issuedAt - (Int64(Date().timeIntervalSince1970) - 86_400)) < 5)
        }
    }

    @Test func lifetimesComeFromTheConfiguration() async throws {
        var configuration = try TestServer.configuration()
        configuration.lifetimes = TokenLifetimes(accessToken: 60, refreshToken: 120, authorizationCode: 10)
        try await TestServer.withRouter(configuration) { client, mock in
            let login = try await BrowserFlow.nativeLogin(client)
            #expect(login["expires_in"]?.integer == 60)
            mock.kernel.clock.advance(by: 121)
            let refresh = try await RefreshTokenGrantTests.refresh(client, try #require(login["refresh_token"]?.string))
            #expect(try refresh.json()["error"]?.string == "invalid_grant")
            let pkce = PKCEPair()
            let code = try #require(try await BrowserFlow.authorize(client, BrowserFlow.nativeCodeRequest(pkce))["code"])
            mock.kernel.clock.advance(by: 11)
            let exchange = try await client.postForm(
                "/connect/token",
                [
                    ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", BrowserFlow.nativeRedirect),
                    ("client_id", "demo-native.xena.biz"), ("code_verifier", pkce.verifier),
                ])
            #expect(try exchange.json()["error"]?.string == "invalid_grant")
        }
    }
}
