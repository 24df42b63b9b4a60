import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing

@testable import XenaMock

/// The control plane's promise, over real HTTP only, as a test suite in another language would use it:
/// expire tokens, fail the token endpoint twice then recover, deny consent, and assert on the requests made.
@Suite struct ControlOverHTTPTests {
    static let http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: .init(redirectConfiguration: .disallow))

    static func call(_ method: HTTPMethod, _ url: String, form: String? = nil, json: String? = nil, headers: [(String, String)] = []) async throws
        -> (status: UInt, headers: HTTPHeaders, body: String)
    {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let form {
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.body = .bytes(ByteBuffer(string: form))
        } else if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: json))
        }
        let response = try await Self.http.execute(request, timeout: .seconds(10))
        return (response.status.code, response.headers, String(buffer: try await response.body.collect(upTo: 1 << 20)))
    }

    @Test func aTestSuiteInAnyLanguageCanProvokeEverything() async throws {
        try await XenaMockServer.withServer(try TestServer.configuration()) { server in
            let base = server.baseURL.absoluteString
            let basic = [("Authorization", FormBody.basic("demo-service.xena.biz", "demo-service-secret"))]
            func token() async throws -> (UInt, String) {
                let response = try await Self.call(.POST, "\(base)/connect/token", form: "grant_type=client_credentials", headers: basic)
                let accessToken = (try? JSONValue.parse(Data(response.body.utf8)))?["access_token"]?.string
                return (response.status, accessToken ?? "")
            }

            // Expired tokens.
            #expect(try await Self.call(.POST, "\(base)/_mock/token-faults", json: #"{"fault": "expired", "count": 1}"#).status == 200)
            let expired = try await token().1
            let refused = try await Self.call(.GET, "\(base)/Api/User/FiscalSetup", headers: [("Authorization", "Bearer \(expired)")])
            #expect(refused.status == 401)
            #expect(refused.headers.first(name: "WWW-Authenticate")?.contains("expired") == true)

            // The token endpoint fails twice, then recovers.
            #expect(try await Self.call(.POST, "\(base)/_mock/faults", json: #"{"spec": "token:status=503,times=2"}"#).status == 201)
            #expect(try await token().0 == 503)
            #expect(try await token().0 == 503)
            let (status, healthy) = try await token()
            #expect(status == 200)
            #expect(try await Self.call(.GET, "\(base)/Api/User/FiscalSetup", headers: [("Authorization", "Bearer \(healthy)")]).status == 200)

            // A moved clock expires it too.
            _ = try await Self.call(.POST, "\(base)/_mock/clock/advance", json: #"{"seconds": 3601}"#)
            #expect(try await Self.call(.GET, "\(base)/Api/User/FiscalSetup", headers: [("Authorization", "Bearer \(healthy)")]).status == 401)

            // Denied consent.
            _ = try await Self.call(.POST, "\(base)/_mock/consent", json: #"{"outcomes": ["deny"]}"#)
            let authorize = try await Self.call(
                .GET,
                "\(base)/connect/authorize?client_id=demo-hybrid.xena.biz&redirect_uri=http%3A%2F%2Flocalhost%3A8080%2Fsignin-oidc&response_type=code&scope=openid&state=s"
            )
            #expect(authorize.status == 302)
            #expect(authorize.headers.first(name: "Location")?.contains("error=access_denied") == true)

            // What the app sent.
            let journal = try await Self.call(.GET, "\(base)/_mock/requests?endpoint=token")
            let entries = try #require(try JSONValue.parse(Data(journal.body.utf8))["requests"]?.elements)
            #expect(entries.map { $0["status"]?.integer } == [200, 503, 503, 200])
            #expect(!journal.body.contains("demo-service-secret"))
        }
    }
}
