import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing
import XenaMock

/// The embedding API as a user's test suite sees it: `import XenaMock`, no `@testable`.
@Suite struct XenaMockServerTests {
    /// A client that shows redirects instead of following them, as a test of an OAuth client needs.
    static let http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: .init(redirectConfiguration: .disallow))

    static func get(_ url: String, token: String? = nil) async throws -> (status: UInt, body: String) {
        var request = HTTPClientRequest(url: url)
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        let response = try await Self.http.execute(request, timeout: .seconds(10))
        return (response.status.code, String(buffer: try await response.body.collect(upTo: 1 << 20)))
    }

    @Test func startMintSteerAndShutDown() async throws {
        let server = try await XenaMockServer.start()
        #expect(server.port > 0)
        #expect(server.issuer == "http://localhost:\(server.port)")
        #expect(server.baseURL.absoluteString == "http://127.0.0.1:\(server.port)")

        let discovery = try await Self.get("\(server.baseURL)/.well-known/openid-configuration")
        #expect(discovery.body.contains("\"issuer\":\"\(server.issuer)\""))

        let token = try server.mintToken(user: "alice", client: "demo-service.xena.biz").accessToken
        #expect(try await Self.get("\(server.baseURL)/Api/User/FiscalSetup", token: token).status == 200)
        server.clock.advance(by: 3601)
        #expect(try await Self.get("\(server.baseURL)/Api/User/FiscalSetup", token: token).status == 401)

        try server.addFault("jwks:status=503,once")
        #expect(try await Self.get("\(server.baseURL)/.well-known/openid-configuration/jwks").status == 503)
        #expect(try await Self.get("\(server.baseURL)/.well-known/openid-configuration/jwks").status == 200)

        server.addTokenFault(.wrongAudience)
        let faulty = try server.mintToken(user: "alice", client: "demo-service.xena.biz", faults: [.badSignature]).accessToken
        #expect(try await Self.get("\(server.baseURL)/Api/User/FiscalSetup", token: faulty).status == 401)

        server.queueConsent(.deny)
        let authorize = try await Self.get(
            "\(server.baseURL)/connect/authorize?client_id=demo-hybrid.xena.biz&redirect_uri=http://localhost:8080/signin-oidc&response_type=code&scope=openid")
        #expect(authorize.status == 302)

        #expect(server.requests(endpoint: .jwks).map(\.status) == [503, 200])
        await server.reset()
        #expect(server.requests().isEmpty)
        try await server.shutdown()
        // A fresh connection (not one pooled before the shutdown) is refused.
        await #expect(throws: (any Error).self) {
            _ = try await HTTPClient.shared.execute(HTTPClientRequest(url: "\(server.baseURL)/healthz"), timeout: .seconds(5))
        }
    }

    @Test func manyServersRunInParallelWithTheirOwnState() async throws {
        try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<4 {
                group.addTask {
                    try await XenaMockServer.withServer { server in
                        server.clock.advance(by: Double(index) * 1000)
                        let token = try server.mintToken(user: "alice", client: "demo-service.xena.biz", lifetime: 60)
                        #expect(try await Self.get("\(server.baseURL)/Api/User/FiscalSetup", token: token.accessToken).status == 200)
                        return server.port
                    }
                }
            }
            var ports = Set<Int>()
            for try await port in group { ports.insert(port) }
            #expect(ports.count == 4)
        }
    }

    @Test func aPortInUseFailsToStart() async throws {
        try await XenaMockServer.withServer { server in
            var configuration = XenaMockConfiguration(port: server.port)
            configuration.port = server.port
            await #expect(throws: (any Error).self) { _ = try await XenaMockServer.start(configuration) }
        }
    }
}
