import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Applies `--latency` and the endpoint faults in force before a request reaches its endpoint.
struct FaultMiddleware: RouterMiddleware {
    typealias Context = XenaRequestContext

    let faults: FaultInjector
    /// How the middleware waits (`Task.sleep` unless a test records the waits instead).
    let sleep: @Sendable (Duration) async throws -> Void

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let kind = EndpointKind(path: request.uri.path)
        guard !kind.isInfrastructure else { return try await next(request, context) }
        if self.faults.latencyMilliseconds > 0 {
            try await self.sleep(.milliseconds(self.faults.latencyMilliseconds))
        }
        guard let fault = self.faults.fault(for: kind, path: request.uri.path) else {
            return try await next(request, context)
        }
        if let delay = fault.delayMilliseconds, delay > 0 {
            try await self.sleep(.milliseconds(delay))
        }
        if fault.close {
            try await context.channel.close()
            throw InjectedConnectionClose()
        }
        if fault.malformed {
            return Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store", .xenaMockFault: "malformed"],
                body: .init(byteBuffer: ByteBuffer(string: #"{"injected_fault": "malformed JSON from xena-mock", "trunc"#)))
        }
        if let status = fault.status {
            var response = try Self.errorResponse(status: status, fault: fault, kind: kind, request: request, context: context)
            // So a client (or the fuzzer) can tell an injected answer from a real one.
            response.headers[.xenaMockFault] = "status=\(status)"
            return response
        }
        return try await next(request, context)
    }

    /// The answer a real endpoint of this kind gives for the status: an RFC 6749 body, a Bearer challenge for
    /// resource endpoints, or the API's `{"Message"}`.
    static func errorResponse(status code: Int, fault: EndpointFault, kind: EndpointKind, request: Request, context: Context) throws -> Response {
        let status = HTTPResponse.Status(code: code)
        let description = "Injected fault (xena-mock): \(code)."
        if kind == .api && fault.error == nil {
            var headers: HTTPFields = [:]
            if code == 401 { headers[.wwwAuthenticate] = "Bearer error=\"invalid_token\", error_description=\"\(description)\"" }
            return try XenaAPIError(status: status, body: .message(description), headers: headers).response(from: request, context: context)
        }
        let error = fault.errorCode(for: kind)
        var headers: HTTPFields = [:]
        if code == 401 {
            headers[.wwwAuthenticate] =
                kind == .userinfo || kind == .api ? "Bearer error=\"\(error)\", error_description=\"\(description)\"" : "Basic realm=\"xena-mock\""
        }
        if code == 503 || code == 429 { headers[.retryAfter] = "1" }
        return try OAuthError(status: status, code: error, description: description, headers: headers).response(from: request, context: context)
    }
}

/// Thrown after an injected fault closed the connection: nothing more is written.
struct InjectedConnectionClose: Error {}
