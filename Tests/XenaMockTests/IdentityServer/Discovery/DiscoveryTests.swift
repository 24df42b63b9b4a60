import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import XenaMock

@Suite struct DiscoveryTests {
    @Test func documentUsesIdentityServerPathsUnderTheIssuer() async throws {
        try await TestServer.withRouter(try TestServer.configuration(port: 5000)) { client, _ in
            let response = try await client.execute(uri: "/.well-known/openid-configuration", method: .get)
            #expect(response.status == .ok)
            let document = try response.json()
            #expect(document["issuer"]?.string == "http://localhost:5000")
            #expect(document["jwks_uri"]?.string == "http://localhost:5000/.well-known/openid-configuration/jwks")
            #expect(document["token_endpoint"]?.string == "http://localhost:5000/connect/token")
            #expect(document["id_token_signing_alg_values_supported"]?.strings == ["RS256"])
            #expect(document["subject_types_supported"]?.strings == ["public"])
            #expect(document["token_endpoint_auth_methods_supported"]?.strings == ["client_secret_basic", "client_secret_post"])
            #expect((document["grant_types_supported"]?.strings)?.contains("client_credentials") == true)
            #expect((document["scopes_supported"]?.strings)?.contains("testapi") == true)
        }
    }

    @Test func configuredIssuerDrivesEveryURLWithoutTrailingSlash() async throws {
        let configuration = try TestServer.configuration(issuer: "https://login.example.test/identity/")
        try await TestServer.withRouter(configuration) { client, _ in
            let document = try await client.execute(uri: "/.well-known/openid-configuration", method: .get).json()
            let issuer = try #require(document["issuer"]?.string)
            #expect(issuer == "https://login.example.test/identity")
            for (key, value) in document.object ?? [:] where key.hasSuffix("_endpoint") || key == "jwks_uri" {
                #expect(value.string?.hasPrefix(issuer + "/") == true, "\(key)")
            }
            let token = try await client.postForm(
                "/connect/token", [("grant_type", "client_credentials")],
                headers: [.authorization: FormBody.basic("demo-service.xena.biz", "demo-service-secret")]
            ).json()
            let claims = try DecodedJWT(try #require(token["access_token"]?.string)).claims
            #expect(claims["iss"]?.string == issuer)
        }
    }

    @Test func everyAdvertisedEndpointExists() async throws {
        try await TestServer.withRouter { client, _ in
            let document = try await client.execute(uri: "/.well-known/openid-configuration", method: .get).json()
            let issuer = try #require(document["issuer"]?.string)
            let endpoints = (document.object ?? [:]).filter { $0.key.hasSuffix("_endpoint") || $0.key == "jwks_uri" }.compactMap { $0.value.string }
            #expect(endpoints.count >= 2)
            for endpoint in endpoints {
                let path = String(endpoint.dropFirst(issuer.count))
                for method in [HTTPRequest.Method.get, .post] {
                    let response = try await client.execute(uri: path, method: method)
                    #expect(response.status != .notFound, "\(method) \(path)")
                }
            }
        }
    }

    @Test func advertisedResponseTypesAndModesWork() async throws {
        try await TestServer.withRouter { client, _ in
            let document = try await client.execute(uri: "/.well-known/openid-configuration", method: .get).json()
            let responseTypes = try #require(document["response_types_supported"]?.strings)
            #expect(responseTypes.count == 6)
            let modes = try #require(document["response_modes_supported"]?.strings)
            #expect(document["authorization_response_iss_parameter_supported"]?.bool == true)
            #expect(document["ui_locales_supported"]?.strings == ["da", "en"])
            #expect(document["code_challenge_methods_supported"]?.strings == ["plain", "S256"])
            for responseType in responseTypes {
                let implicit = !responseType.contains("code")
                for mode in modes where !(mode == "query" && responseType != "code") {
                    let result = try await BrowserFlow.authorize(
                        client,
                        [
                            ("client_id", implicit ? "demo-implicit.xena.biz" : "demo-hybrid.xena.biz"),
                            ("redirect_uri", implicit ? BrowserFlow.implicitRedirect : BrowserFlow.hybridRedirect), ("response_type", responseType),
                            ("response_mode", mode), ("scope", "openid testapi"), ("nonce", "n"),
                        ])
                    #expect(result["error"] == nil, "\(responseType) \(mode): \(result.parameters)")
                    #expect(result["iss"] != nil, "\(responseType) \(mode)")
                }
            }
        }
    }

    @Test func advertisedGrantTypesAreServedByTheTokenEndpoint() async throws {
        try await TestServer.withRouter { client, _ in
            let document = try await client.execute(uri: "/.well-known/openid-configuration", method: .get).json()
            let grantTypes = try #require(document["grant_types_supported"]?.strings)
            #expect(Set(grantTypes) == ["authorization_code", "client_credentials", "implicit", "refresh_token"])
            // implicit is served by the authorize endpoint, the others by the token endpoint.
            for grantType in grantTypes where grantType != "implicit" {
                let response = try await client.postForm(
                    "/connect/token", [("grant_type", grantType)],
                    headers: [.authorization: FormBody.basic("demo-service.xena.biz", "demo-service-secret")])
                let error = try? response.json()["error"]?.string
                #expect(error != "unsupported_grant_type", "\(grantType)")
            }
        }
    }
}
