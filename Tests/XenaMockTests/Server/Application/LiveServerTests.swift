import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import XenaMock

/// End to end over a real socket on port 0.
@Suite struct LiveServerTests {
    @Test func serviceAccountTokenOverHTTP() async throws {
        let mock = try await TestServer.mock()
        let application = buildApplication(instance: mock)
        try await application.test(.live) { client in
            let discovery = try await client.execute(uri: "/.well-known/openid-configuration", method: .get).json()
            let issuer = try #require(discovery["issuer"]?.string)
            // Port 0 without --issuer: the issuer names the port actually bound.
            #expect(issuer.hasPrefix("http://localhost:"))
            #expect(!issuer.hasSuffix(":0"))

            let response = try await client.postForm(
                "/connect/token", [("grant_type", "client_credentials"), ("scope", "testapi")],
                headers: [.authorization: FormBody.basic("demo-service.xena.biz", "demo-service-secret")])
            #expect(response.status == .ok)
            let token = try #require(try response.json()["access_token"]?.string)
            #expect(try DecodedJWT(token).claims["iss"]?.string == issuer)
        }
    }
}
