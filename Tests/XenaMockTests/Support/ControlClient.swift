import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore

@testable import XenaMock

extension TestClientProtocol {
    /// Calls the control API with a JSON body.
    func control(_ method: HTTPRequest.Method, _ path: String, json: String? = nil, adminToken: String? = nil) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if json != nil { headers[.contentType] = "application/json" }
        if let adminToken { headers[.authorization] = "Bearer \(adminToken)" }
        return try await self.execute(uri: "/_mock" + path, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }
}
