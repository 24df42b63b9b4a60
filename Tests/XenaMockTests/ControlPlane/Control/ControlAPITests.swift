import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOFoundationEssentialsCompat
import Testing

@testable import XenaMock

@Suite struct ControlAPITests {
    static let jsonEndpoints: [(HTTPRequest.Method, String)] = [
        (.post, "/clock/advance"), (.post, "/clock/set"), (.post, "/faults"), (.post, "/token-faults"), (.post, "/consent"),
        (.post, "/users"), (.put, "/users/alice"), (.post, "/clients"), (.put, "/clients/demo-native.xena.biz"), (.post, "/tokens"),
    ]

    @Test func everyControlEndpointRejectsMalformedJSONWith400() async throws {
        try await TestServer.withRouter { client, _ in
            for (method, path) in Self.jsonEndpoints {
                for body in ["{not json", "", "[]", #"{"unexpected": true}"#] {
                    let response = try await client.control(method, path, json: body)
                    #expect(response.status == .badRequest, "\(method) \(path) \(body)")
                    #expect(try response.json()["error"]?.string == "invalid_request", "\(method) \(path) \(body)")
                }
            }
        }
    }

    @Test func badValuesNameTheField() async throws {
        try await TestServer.withRouter { client, _ in
            let cases: [(HTTPRequest.Method, String, String, String)] = [
                (.post, "/clock/advance", #"{"seconds": "soon"}"#, "seconds: expected a number"),
                (.post, "/clock/set", #"{"time": "tomorrow"}"#, "time: 'tomorrow' is not an ISO 8601 date-time"),
                (.post, "/consent", #"{"outcomes": ["maybe"]}"#, "outcomes[0]: unknown outcome 'maybe'"),
                (.post, "/consent", #"{"outcomes": [{"outcome": "approve", "user": "carol"}]}"#, "outcomes[0].user: no user named 'carol'"),
                (.post, "/tokens", #"{"user": "carol", "client": "demo-service.xena.biz"}"#, "user: no user named 'carol'"),
                (.post, "/tokens", #"{"user": "alice", "client": "demo-service.xena.biz", "scopes": ["openid"]}"#, "scopes: client"),
                (.post, "/users", #"{"sub": "x", "username": "alice"}"#, "password: required key is missing"),
                (.post, "/token-faults", #"{"fault": "expired", "count": 0}"#, "count: must be between 1 and 2147483647, got 0"),
            ]
            for (method, path, body, expected) in cases {
                let response = try await client.control(method, path, json: body)
                #expect(response.status == .badRequest, "\(path) \(body)")
                let description = try response.json()["error_description"]?.string
                #expect(description?.hasPrefix(expected) == true, "\(path): \(description ?? "nil")")
            }
            let wrongMethod = try await client.control(.get, "/clock/advance")
            #expect(wrongMethod.status == .methodNotAllowed)
        }
    }

    static let carol = #"""
        {"sub": "carol-1", "username": "carol", "password": "carol", "name": "Carol Holm", "given_name": "Carol", "family_name": "Holm",
         "preferred_username": "carol", "email": "carol@example.dk", "email_verified": true, "locale": "da-DK", "xena_user_id": 5512003,
         "memberships": [{"fiscal_setup_id": 104200313, "membership_id": 88120099}]}
        """#

    @Test func usersAndClientsChangeAtOnce() async throws {
        try await TestServer.withRouter { client, _ in
            #expect(try await client.control(.post, "/users", json: Self.carol).status == .created)
            #expect(try await client.control(.post, "/users", json: Self.carol).status == .conflict)
            let login = try await BrowserFlow.nativeLogin(client, extra: [("login_hint", "carol")])
            let token = try #require(login["access_token"]?.string)
            let setups = try await APIClient(client: client, token: token).get("User/FiscalSetup").jsonValue()
            #expect(setups[path: "Count"] == 1)

            let renamed = Self.carol.replacingOccurrences(of: "Carol Holm", with: "Carol Holm-Berg")
            #expect(try await client.control(.put, "/users/carol", json: renamed).status == .ok)
            #expect(try await client.control(.get, "/users/carol").json()["name"]?.string == "Carol Holm-Berg")
            #expect(try await client.control(.delete, "/users/carol").status == .noContent)
            #expect(try await client.control(.get, "/users/carol").status == .notFound)
            // The deleted user's token no longer works.
            #expect(try await APIClient(client: client, token: token).get("User/FiscalSetup").status == .unauthorized)

            let service = #"""
                {"client_id": "ci.xena.biz", "client_secrets": ["ci-secret"], "grant_types": ["client_credentials"],
                 "allowed_scopes": ["testapi"], "service_account_user": "bob", "access_token_lifetime": 120}
                """#
            #expect(try await client.control(.post, "/clients", json: service).status == .created)
            let issued = try await client.postForm(
                "/connect/token", [("grant_type", "client_credentials")], headers: [.authorization: FormBody.basic("ci.xena.biz", "ci-secret")])
            #expect(try issued.json()["expires_in"]?.integer == 120)
            let inconsistent = service.replacingOccurrences(of: "\"bob\"", with: "\"nobody\"")
            let refused = try await client.control(.put, "/clients/ci.xena.biz", json: inconsistent)
            #expect(refused.status == .badRequest)
            #expect((try refused.json()["error_description"]?.string)?.contains("service_account_user") == true)
            #expect(try await client.control(.delete, "/clients/ci.xena.biz").status == .noContent)
            let gone = try await client.postForm(
                "/connect/token", [("grant_type", "client_credentials")], headers: [.authorization: FormBody.basic("ci.xena.biz", "ci-secret")])
            #expect(gone.status == .unauthorized)
            let clients = try await client.control(.get, "/clients")
            let ids = try clients.json().elements?.compactMap { $0["client_id"]?.string }
            #expect(ids == ["demo-hybrid.xena.biz", "demo-implicit.xena.biz", "demo-native.xena.biz", "demo-service.xena.biz"])
        }
    }

    @Test func mintedTokensWorkWithoutAFlow() async throws {
        try await TestServer.withRouter { client, mock in
            let minted = try await client.control(
                .post, "/tokens", json: #"{"user": "bob", "client": "demo-hybrid.xena.biz", "scopes": ["openid", "testapi"], "lifetime": 90}"#)
            #expect(minted.status == .ok)
            let body = try minted.json()
            #expect(body["expires_in"]?.integer == 90)
            let token = try #require(body["access_token"]?.string)
            let claims = try DecodedJWT(token).claims
            #expect(claims["sub"]?.string == mock.kernel.directory.user(named: "bob")?.subject)
            #expect(claims["sid"] != nil)
            #expect(body["id_token"] != nil)
            #expect(try await APIClient(client: client, token: token).get("User/FiscalSetup").status == .ok)
        }
    }

    @Test func theJournalRecordsRedactsFiltersAndClears() async throws {
        try await TestServer.withRouter { client, _ in
            _ = try await BrowserFlow.nativeLogin(client)
            _ = try await BrowserFlow.serviceToken(client)
            _ = try await client.control(.get, "/clock")
            let all = try await client.control(.get, "/requests").json()
            let requests = try #require(all["requests"]?.elements)
            #expect(requests.count == 3, "control calls are not journaled")
            let tokenCalls = try #require(try await client.control(.get, "/requests?endpoint=token").json()["requests"]?.elements)
            #expect(tokenCalls.count == 2)
            let exchange = try #require(tokenCalls.first)
            let parameters = try #require(exchange["parameters"]?.object?.mapValues { $0.string })
            #expect(parameters["grant_type"] == "authorization_code")
            #expect(parameters["code"] == "[redacted]")
            #expect(parameters["code_verifier"] == "[redacted]")
            #expect(parameters["client_id"] == "demo-native.xena.biz")
            #expect(exchange["status"]?.integer == 200)
            let service = try #require(tokenCalls.last)
            #expect(service["authorization"]?.string == "Basic demo-service.xena.biz:[redacted]")
            let text = String(decoding: all.serialized(), as: UTF8.self)
            #expect(!text.contains("demo-service-secret"))

            #expect(try await client.control(.get, "/requests?endpoint=nonsense").status == .badRequest)
            #expect(try await client.control(.delete, "/requests").status == .noContent)
            #expect(try await client.control(.get, "/requests").json()["count"]?.integer == 0)
        }
    }

    @Test func theJournalKeepsWhereRedirectsWentWithoutTheirSecrets() async throws {
        try await TestServer.withRouter { client, _ in
            _ = try await BrowserFlow.nativeLogin(client)
            let authorize = try #require(try await client.control(.get, "/requests?endpoint=authorize").json()["requests"]?.elements?.last)
            #expect(authorize["status"]?.integer == 302)
            let location = try #require(authorize["location"]?.string)
            #expect(location.hasPrefix("http://127.0.0.1") && location.contains("code=[redacted]"), "\(location)")
            #expect(location.contains("state=st-123"), "\(location)")
        }
    }

    @Test(arguments: [
        (
            "https://app.example/cb#access_token=abc&state=a=b&id_token=x.y.z&token_type=Bearer",
            "https://app.example/cb#access_token=[redacted]&state=a=b&id_token=[redacted]&token_type=Bearer"
        ),
        ("http://127.0.0.1:9/cb?Code=abc&iss=http%3A%2F%2Flocalhost", "http://127.0.0.1:9/cb?Code=[redacted]&iss=http%3A%2F%2Flocalhost"),
        ("/account/login?returnUrl=%2Fconnect%2Fauthorize%3Fcode%3Dx", "/account/login?returnUrl=%2Fconnect%2Fauthorize%3Fcode%3Dx"),
        ("http://x/cb?%63ode=abc", "http://x/cb?%63ode=[redacted]"),
    ])
    func redirectTargetsAreRedactedParameterByParameter(location: String, redacted: String) {
        #expect(RequestJournal.redactLocation(location) == redacted)
    }

    @Test func theJournalIsBounded() async throws {
        var configuration = try TestServer.configuration()
        configuration.journalCapacity = 5
        try await TestServer.withRouter(configuration) { client, mock in
            for _ in 0..<12 { _ = try await client.execute(uri: "/.well-known/openid-configuration", method: .get) }
            #expect(mock.controlPlane.journal.entries().count == 5)
        }
    }

    @Test func resetRestoresTheFixtures() async throws {
        try await TestServer.withRouter { client, mock in
            _ = try await client.control(.post, "/users", json: Self.carol)
            _ = try await client.control(.post, "/faults", json: #"{"spec": "token:status=500"}"#)
            _ = try await client.control(.post, "/clock/advance", json: #"{"seconds": 100000}"#)
            _ = try await client.control(.post, "/consent", json: #"{"outcomes": ["deny"]}"#)
            let api = APIClient(client: client, token: try mock.identityServer.mintToken(username: "alice", clientID: "demo-service.xena.biz").accessToken)
            _ = try await api.send(.delete, "Fiscal/104200311/Order/3041000500", json: "")

            #expect(try await client.control(.post, "/reset").status == .ok)
            #expect(try await client.control(.get, "/users/carol").status == .notFound)
            #expect((try await client.control(.get, "/faults").json()["faults"]?.elements)?.isEmpty == true)
            #expect(abs(mock.kernel.clock.offset) < 1)
            #expect(mock.identityServer.consentScript.pending.isEmpty)
            #expect(mock.controlPlane.journal.entries().isEmpty)
            let fresh = APIClient(client: client, token: try await BrowserFlow.serviceToken(client))
            #expect(try await fresh.get("Fiscal/104200311/Order/3041000500").status == .ok)
        }
    }

    @Test func anAdminTokenGuardsTheControlAPI() async throws {
        var configuration = try TestServer.configuration()
        configuration.adminToken = "s3cret"
        try await TestServer.withRouter(configuration) { client, _ in
            let anonymous = try await client.control(.get, "/clock")
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            #expect(try await client.control(.get, "/clock", adminToken: "wrong").status == .unauthorized)
            #expect(try await client.control(.get, "/clock", adminToken: "s3cret").status == .ok)
        }
        var exposed = try TestServer.configuration()
        exposed.host = "0.0.0.0"
        await #expect(throws: ConfigurationError.self) { _ = try await XenaMockInstance(configuration: exposed) }
        exposed.adminToken = "s3cret"
        _ = try await XenaMockInstance(configuration: exposed)
    }

    @Test(arguments: [
        ("localhost", true), ("LOCALHOST", true), ("127.0.0.1", true), ("127.1.2.3", true), ("::1", true), ("[::1]", true),
        ("0.0.0.0", false), ("::", false), ("[::]", false), ("example.com", false), ("", false), ("[", false), ("]]", false),
    ])
    func onlyLoopbackHostsGoWithoutAnAdminToken(host: String, loopback: Bool) {
        #expect(MockKernel.isLoopback(host) == loopback)
    }

    @Test func consentQueueOverHTTP() async throws {
        try await TestServer.withRouter { client, _ in
            let queued = try await client.control(.post, "/consent", json: #"{"outcomes": ["deny", {"outcome": "approve", "user": "bob"}]}"#).json()
            #expect((queued["pending"]?.elements)?.count == 2)
            let denied = try await BrowserFlow.authorize(client, BrowserFlow.nativeCodeRequest(PKCEPair()))
            #expect(denied["error"] == "access_denied")
            #expect((try await client.control(.get, "/consent").json()["pending"]?.elements)?.count == 1)
            _ = try await client.control(.delete, "/consent")
            #expect((try await client.control(.get, "/consent").json()["pending"]?.elements)?.isEmpty == true)
        }
    }
}
