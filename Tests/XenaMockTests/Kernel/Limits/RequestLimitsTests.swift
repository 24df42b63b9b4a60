import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization
import Testing

@testable import XenaMock

/// Past a size limit a request gets a clean JSON answer in its endpoint's format; slow clients are cut off.
@Suite struct RequestLimitsTests {
    @Test func aLongURLIs414() async throws {
        try await TestServer.withRouter { client, _ in
            let response = try await client.execute(uri: "/healthz?" + String(repeating: "a", count: 9000), method: .get)
            #expect(response.status == .uriTooLong)
            #expect(try response.json()["error"]?.string == "invalid_request")
            let api = try await client.execute(uri: "/Api/User/FiscalSetup?" + String(repeating: "a", count: 9000), method: .get)
            #expect(api.status == .uriTooLong)
            #expect(try api.jsonValue().object?["Message"]?.string?.contains("longer than 8192 bytes") == true)
        }
    }

    @Test func largeOrManyHeaderFieldsAre431() async throws {
        try await TestServer.withRouter { client, _ in
            let large = try await client.execute(
                uri: "/connect/token", method: .post, headers: [HTTPField.Name("X-Large")!: String(repeating: "a", count: 40_000)])
            #expect(large.status == .requestHeaderFieldsTooLarge)
            #expect(try large.json()["error_description"]?.string == "The request's header fields are larger than 32768 bytes.")
            var many = HTTPFields()
            for index in 0..<120 { many.append(HTTPField(name: HTTPField.Name("X-H\(index)")!, value: "1")) }
            let counted = try await client.execute(uri: "/healthz", method: .get, headers: many)
            #expect(counted.status == .requestHeaderFieldsTooLarge)
        }
    }

    @Test func aLargeBodyIs413InTheEndpointsFormat() async throws {
        try await TestServer.withRouter { client, _ in
            let body = ByteBuffer(repeating: UInt8(ascii: "a"), count: 1024 * 1024 + 1)
            let token = try await client.execute(
                uri: "/connect/token", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: body)
            #expect(token.status == .contentTooLarge)
            #expect(try token.json()["error"]?.string == "invalid_request")
            let alice = try await APIClient.alice(client)
            let api = try await client.execute(
                uri: "/Api/Fiscal/\(APIClient.norrebro)/Partner", method: .post,
                headers: [.authorization: "Bearer \(alice.token)", .contentType: "application/json"], body: body)
            #expect(api.status == .contentTooLarge)
            #expect(try api.jsonValue().object?["Message"] != nil)
        }
    }

    @Test func slowClientsAreCutOffAndOthersAreServed() async throws {
        var configuration = try TestServer.configuration()
        configuration.requestLimits.readTimeoutSeconds = 1
        configuration.requestLimits.idleTimeoutSeconds = 1
        try await XenaMockServer.withServer(configuration) { server in
            let group = MultiThreadedEventLoopGroup.singleton
            // One stalls inside its head, one announces a body and never sends it.
            let stalledHead = try await RawConnection.open(port: server.port, group: group)
            try await stalledHead.send("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            let stalledBody = try await RawConnection.open(port: server.port, group: group)
            try await stalledBody.send("POST /connect/token HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\ngrant")
            // Meanwhile the server answers everyone else.
            let healthy = try await HTTPClient.shared.execute(HTTPClientRequest(url: server.address.baseURL + "/healthz"), timeout: .seconds(5))
            #expect(healthy.status == .ok)
            #expect(try await stalledHead.closed(within: .seconds(5)))
            #expect(try await stalledBody.closed(within: .seconds(5)))
        }
    }
}

/// A bare TCP connection for sending partial requests.
struct RawConnection {
    let channel: any Channel

    static func open(port: Int, group: any EventLoopGroup) async throws -> RawConnection {
        let channel = try await ClientBootstrap(group: group).connect(host: "127.0.0.1", port: port).get()
        return RawConnection(channel: channel)
    }

    func send(_ text: String) async throws {
        try await self.channel.writeAndFlush(ByteBuffer(string: text)).get()
    }

    /// Whether the server closed the connection within `limit`: awaits the close itself; past the limit the test
    /// closes it and reports false.
    func closed(within limit: Duration) async throws -> Bool {
        let channel = self.channel
        let timedOut = Mutex(false)
        let deadline = Task {
            try await Task.sleep(for: limit)
            timedOut.withLock { $0 = true }
            try await channel.close()
        }
        try? await channel.closeFuture.get()
        deadline.cancel()
        return !timedOut.withLock { $0 }
    }
}
