import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOFoundationEssentialsCompat
import NIOHTTP1
import Synchronization
import Testing

@testable import XenaMock

@Suite struct EndpointFaultTests {
    @Test func specGrammar() throws {
        let fault = try EndpointFault(spec: "token:status=503,times=2")
        #expect(fault == EndpointFault(target: .token, status: 503, times: 2))
        #expect(try EndpointFault(spec: "api:/Api/Fiscal:delay=1500") == EndpointFault(target: .api, pathPrefix: "/Api/Fiscal", delayMilliseconds: 1500))
        #expect(try EndpointFault(spec: "any:close,probability=0.25,seed=7") == EndpointFault(target: nil, close: true, probability: 0.25, seed: 7))
        #expect(try EndpointFault(spec: "userinfo:malformed,once") == EndpointFault(target: .userinfo, malformed: true, times: 1))
        #expect(try EndpointFault(spec: "token:status=400,error=invalid_grant").error == "invalid_grant")
        for bad in [
            "token", "tokn:status=500", "token:status=999", "token:teapot", "token:times=0", "token:status=500,close", "userinfo:/x:status=500",
            "token:probability=2,status=500", "token:error=x",
        ] {
            #expect(throws: ConfigurationError.self, "\(bad)") { try EndpointFault(spec: bad) }
        }
    }

    @Test func theTokenEndpointFailsTwiceThenRecovers() async throws {
        try await TestServer.withRouter { client, _ in
            let added = try await client.control(.post, "/faults", json: #"{"spec": "token:status=503,times=2"}"#)
            #expect(added.status == .created)
            for _ in 0..<2 {
                let response = try await client.postForm(
                    "/connect/token", [("grant_type", "client_credentials")],
                    headers: [.authorization: FormBody.basic("demo-service.xena.biz", "demo-service-secret")])
                #expect(response.status == .serviceUnavailable)
                #expect(try response.json()["error"]?.string == "temporarily_unavailable")
                #expect(response.headers[.retryAfter] == "1")
            }
            #expect(try await BrowserFlow.serviceToken(client).isEmpty == false)
            #expect((try await client.control(.get, "/faults").json()["faults"]?.elements)?.isEmpty == true)
        }
    }

    @Test func statusBodiesFitTheEndpoint() async throws {
        try await TestServer.withRouter { client, _ in
            _ = try await client.control(.post, "/faults", json: #"{"target": "token", "status": 400, "times": 1}"#)
            let token = try await client.postForm("/connect/token", [("grant_type", "client_credentials")])
            #expect(try token.json()["error"]?.string == "invalid_grant")

            _ = try await client.control(.post, "/faults", json: #"{"spec": "userinfo:status=401,once"}"#)
            let userinfo = try await client.execute(uri: "/connect/userinfo", method: .get)
            #expect(userinfo.headers[.wwwAuthenticate]?.hasPrefix("Bearer error=\"invalid_token\"") == true)

            _ = try await client.control(.post, "/faults", json: #"{"spec": "api:/Api/Fiscal:status=500,once"}"#)
            let api = try await APIClient.alice(client)
            #expect(try await api.get("User/FiscalSetup").status == .ok, "outside the prefix")
            let failed = try await api.get("Fiscal/104200311/Partner")
            #expect(failed.status == .internalServerError)
            #expect(try failed.jsonValue().object?["Message"]?.string?.contains("Injected fault") == true)
            #expect(try await api.get("Fiscal/104200311/Partner").status == .ok)

            _ = try await client.control(.post, "/faults", json: #"{"spec": "discovery:malformed,once"}"#)
            let discovery = try await client.execute(uri: "/.well-known/openid-configuration", method: .get)
            #expect(discovery.status == .ok)
            #expect((try? JSONSerialization.jsonObject(with: Data(buffer: discovery.body))) == nil)
        }
    }

    @Test func delaysAndLatencyHoldTheAnswer() async throws {
        let waits = Mutex<[Duration]>([])
        var configuration = try TestServer.configuration()
        configuration.latencyMilliseconds = 30
        configuration.sleep = { duration in waits.withLock { $0.append(duration) } }
        try await TestServer.withRouter(configuration) { client, _ in
            _ = try await client.control(.post, "/faults", json: #"{"spec": "jwks:delay=120,once"}"#)
            let response = try await client.execute(uri: "/.well-known/openid-configuration/jwks", method: .get)
            #expect(response.status == .ok, "a delay alone still answers")
            #expect(waits.withLock { $0 } == [.milliseconds(30), .milliseconds(120)], "the latency, then the fault's delay")
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
            #expect(waits.withLock { $0 }.count == 2, "/healthz is never delayed")
        }
    }

    @Test func probabilitiesAreSeededSoRunsRepeat() {
        func pattern() -> [Bool] {
            let injector = FaultInjector(faults: [try! EndpointFault(spec: "token:status=500,probability=0.5,seed=42")])
            return (0..<32).map { _ in injector.fault(for: .token, path: "/connect/token") != nil }
        }
        let first = pattern()
        #expect(first == pattern())
        #expect(first.contains(true) && first.contains(false))
    }

    @Test func closeDropsTheConnectionWithoutAnAnswer() async throws {
        let mock = try await TestServer.mock()
        try await buildApplication(instance: mock).test(.live) { client in
            let port = try #require(client.port)
            mock.controlPlane.faults.add(try EndpointFault(spec: "userinfo:close,once"))
            await #expect(throws: (any Error).self) {
                _ = try await HTTPClient.shared.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)/connect/userinfo"), timeout: .seconds(5))
            }
            let after = try await HTTPClient.shared.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)/connect/userinfo"), timeout: .seconds(5))
            #expect(after.status == .unauthorized)
        }
    }

    @Test func faultsCanBeListedAndRemoved() async throws {
        try await TestServer.withRouter { client, _ in
            let added = try await client.control(.post, "/faults", json: #"{"spec": "any:delay=1"}"#).json()
            let id = try #require(added["id"]?.integer)
            #expect(added["target"]?.string == "any")
            #expect(try await client.control(.delete, "/faults/\(id)").status == .ok)
            #expect(try await client.control(.delete, "/faults/\(id)").status == .notFound)
            let invalid = try await client.control(.post, "/faults", json: #"{"spec": "token:status=700"}"#)
            #expect(invalid.status == .badRequest)
            #expect((try invalid.json()["error_description"]?.string)?.hasPrefix("spec: fault 'token:status=700'") == true)
            let missingTarget = try await client.control(.post, "/faults", json: #"{"status": 500}"#)
            #expect((try missingTarget.json()["error_description"]?.string) == "target: required key is missing")
        }
    }
}
