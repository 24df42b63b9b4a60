import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import XenaMock

@Suite struct ClientCredentialsGrantTests {
    let serviceBasic = FormBody.basic("demo-service.xena.biz", "demo-service-secret")

    @Test func basicAuthenticationIssuesAnAccessTokenForTheImpersonatedUser() async throws {
        try await TestServer.withRouter { client, mock in
            let response = try await client.postForm(
                "/connect/token", [("grant_type", "client_credentials"), ("scope", "testapi")],
                headers: [.authorization: self.serviceBasic])
            #expect(response.status == .ok)
            #expect(response.headers[.cacheControl] == "no-store")
            let body = try response.json()
            #expect(body["token_type"]?.string == "Bearer")
            #expect(body["expires_in"]?.integer == 3600)
            #expect(body["scope"]?.string == "testapi")
            #expect(body["refresh_token"] == nil)

            let jwt = try DecodedJWT(try #require(body["access_token"]?.string))
            #expect(jwt.header["typ"]?.string == "at+jwt")
            #expect(jwt.header["alg"]?.string == "RS256")
            #expect(jwt.header["kid"]?.string == mock.kernel.signingKey.keyID)
            #expect(jwt.claims["iss"]?.string == mock.kernel.currentIssuer.string)
            #expect(jwt.claims["aud"]?.string == "testapi")
            #expect(jwt.claims["client_id"]?.string == "demo-service.xena.biz")
            #expect(jwt.claims["sub"]?.string == mock.kernel.directory.user(named: "alice")?.subject)
            #expect(jwt.claims["scope"]?.strings == ["testapi"])
            let issuedAt = try #require(jwt.claims["iat"]?.integer)
            #expect(jwt.claims["nbf"]?.integer == issuedAt)
            #expect(jwt.claims["exp"]?.integer == issuedAt + 3600)
            #expect(abs(issuedAt - Int64(Date().timeIntervalSince1970)) < 5)
            #expect((jwt.claims["jti"]?.string)?.count == 32)
        }
    }

    @Test func postAuthenticationAndNoScopeGrantsAllTheClientsAPIScopes() async throws {
        try await TestServer.withRouter { client, _ in
            let response = try await client.postForm(
                "/connect/token",
                [("grant_type", "client_credentials"), ("client_id", "demo-service.xena.biz"), ("client_secret", "demo-service-secret")])
            #expect(response.status == .ok)
            #expect(try response.json()["scope"]?.string == "testapi")
        }
    }

    @Test func eachTokenHasItsOwnID() async throws {
        try await TestServer.withRouter { client, _ in
            var ids = Set<String>()
            for _ in 0..<3 {
                let response = try await client.postForm(
                    "/connect/token", [("grant_type", "client_credentials")], headers: [.authorization: self.serviceBasic])
                let token = try #require(try response.json()["access_token"]?.string)
                ids.insert(try #require(try DecodedJWT(token).claims["jti"]?.string))
            }
            #expect(ids.count == 3)
        }
    }

    @Test func clientLifetimeOverrideSetsExpiry() async throws {
        var fixtures = try IdentityFixtures.load(
            from: URL(fileURLWithPath: TestServer.fixturesDirectory), displayDirectory: "fixtures")
        fixtures.clients[0].accessTokenLifetime = 120
        var configuration = try TestServer.configuration()
        configuration.identityFixtures = fixtures
        try await TestServer.withRouter(configuration) { client, _ in
            let response = try await client.postForm(
                "/connect/token", [("grant_type", "client_credentials")], headers: [.authorization: self.serviceBasic])
            #expect(try response.json()["expires_in"]?.integer == 120)
        }
    }

    struct ErrorCase: Sendable, CustomTestStringConvertible {
        let name: String
        let parameters: [(String, String)]
        let authorization: String?
        let status: HTTPResponse.Status
        let error: String
        var testDescription: String { self.name }
    }

    static let errorCases: [ErrorCase] = [
        .init(
            name: "wrong secret with Basic", parameters: [("grant_type", "client_credentials")],
            authorization: FormBody.basic("demo-service.xena.biz", "nope"), status: .unauthorized, error: "invalid_client"),
        .init(
            name: "wrong secret in body",
            parameters: [("grant_type", "client_credentials"), ("client_id", "demo-service.xena.biz"), ("client_secret", "nope")],
            authorization: nil, status: .unauthorized, error: "invalid_client"),
        .init(
            name: "unknown client", parameters: [("grant_type", "client_credentials")],
            authorization: FormBody.basic("who.xena.biz", "x"), status: .unauthorized, error: "invalid_client"),
        .init(
            name: "no client authentication", parameters: [("grant_type", "client_credentials")], authorization: nil,
            status: .unauthorized, error: "invalid_client"),
        .init(
            name: "confidential client without secret", parameters: [("grant_type", "client_credentials"), ("client_id", "demo-service.xena.biz")],
            authorization: nil, status: .unauthorized, error: "invalid_client"),
        .init(
            name: "Basic and client_secret together", parameters: [("grant_type", "client_credentials"), ("client_secret", "demo-service-secret")],
            authorization: FormBody.basic("demo-service.xena.biz", "demo-service-secret"), status: .badRequest, error: "invalid_request"),
        .init(
            name: "scope the client may not have", parameters: [("grant_type", "client_credentials"), ("scope", "testapi otherapi")],
            authorization: FormBody.basic("demo-service.xena.biz", "demo-service-secret"), status: .badRequest, error: "invalid_scope"),
        .init(
            name: "identity scope", parameters: [("grant_type", "client_credentials"), ("scope", "openid testapi")],
            authorization: FormBody.basic("demo-service.xena.biz", "demo-service-secret"), status: .badRequest, error: "invalid_scope"),
        .init(
            name: "client not registered for the grant", parameters: [("grant_type", "client_credentials")],
            authorization: FormBody.basic("demo-hybrid.xena.biz", "demo-hybrid-secret"), status: .badRequest, error: "unauthorized_client"),
        .init(
            name: "unknown grant type", parameters: [("grant_type", "password"), ("username", "alice")],
            authorization: FormBody.basic("demo-service.xena.biz", "demo-service-secret"), status: .badRequest,
            error: "unsupported_grant_type"),
        .init(
            name: "missing grant type", parameters: [("scope", "testapi")],
            authorization: FormBody.basic("demo-service.xena.biz", "demo-service-secret"), status: .badRequest, error: "invalid_request"),
        .init(
            name: "parameter sent twice", parameters: [("grant_type", "client_credentials"), ("scope", "testapi"), ("scope", "testapi")],
            authorization: FormBody.basic("demo-service.xena.biz", "demo-service-secret"), status: .badRequest, error: "invalid_request"),
    ]

    @Test(arguments: errorCases)
    func refusals(_ errorCase: ErrorCase) async throws {
        try await TestServer.withRouter { client, _ in
            var headers: HTTPFields = [:]
            if let authorization = errorCase.authorization { headers[.authorization] = authorization }
            let response = try await client.postForm("/connect/token", errorCase.parameters, headers: headers)
            #expect(response.status == errorCase.status)
            let body = try response.json()
            #expect(body["error"]?.string == errorCase.error)
            #expect((body["error_description"]?.string)?.isEmpty == false)
            #expect(response.headers[.cacheControl] == "no-store")
        }
    }

    @Test func invalidClientWithBasicCarriesABasicChallenge() async throws {
        try await TestServer.withRouter { client, _ in
            let basic = try await client.postForm(
                "/connect/token", [("grant_type", "client_credentials")],
                headers: [.authorization: FormBody.basic("demo-service.xena.biz", "wrong")])
            #expect(basic.headers[.wwwAuthenticate]?.hasPrefix("Basic") == true)
            let post = try await client.postForm(
                "/connect/token", [("grant_type", "client_credentials"), ("client_id", "demo-service.xena.biz"), ("client_secret", "wrong")])
            #expect(post.headers[.wwwAuthenticate] == nil)
        }
    }

    @Test func malformedBodiesAreInvalidRequests() async throws {
        try await TestServer.withRouter { client, _ in
            let json = try await client.execute(
                uri: "/connect/token", method: .post,
                headers: [.contentType: "application/json", .authorization: self.serviceBasic],
                body: ByteBuffer(string: #"{"grant_type":"client_credentials"}"#))
            #expect(json.status == .badRequest)
            #expect(try json.json()["error"]?.string == "invalid_request")

            for body in ["grant_type=%ZZ", "a[b]=1&a=2", "grant_type[]=client_credentials"] {
                let response = try await client.execute(
                    uri: "/connect/token", method: .post,
                    headers: [.contentType: "application/x-www-form-urlencoded", .authorization: self.serviceBasic],
                    body: ByteBuffer(string: body))
                #expect(response.status == .badRequest, "\(body)")
                #expect(try response.json()["error"]?.string == "invalid_request", "\(body)")
            }

            let badBasic = try await client.postForm(
                "/connect/token", [("grant_type", "client_credentials")], headers: [.authorization: "Basic !!!notbase64"])
            #expect(badBasic.status == .unauthorized)
            #expect(try badBasic.json()["error"]?.string == "invalid_client")
        }
    }

    @Test func basicCredentialsAreFormDecoded() async throws {
        var fixtures = try IdentityFixtures.load(
            from: URL(fileURLWithPath: TestServer.fixturesDirectory), displayDirectory: "fixtures")
        fixtures.clients[0].clientSecrets = ["s3cret:with+special chars"]
        var configuration = try TestServer.configuration()
        configuration.identityFixtures = fixtures
        try await TestServer.withRouter(configuration) { client, _ in
            // RFC 6749 §2.3.1: id and secret are form-encoded before Base64.
            let encodedSecret = "s3cret%3Awith%2Bspecial+chars"
            let response = try await client.postForm(
                "/connect/token", [("grant_type", "client_credentials")],
                headers: [.authorization: FormBody.basic("demo-service.xena.biz", encodedSecret)])
            #expect(response.status == .ok)
        }
    }
}
