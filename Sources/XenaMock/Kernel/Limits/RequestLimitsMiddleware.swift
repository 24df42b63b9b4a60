import HTTPTypes
import Hummingbird
import NIOCore

/// Refuses requests past ``RequestLimits`` before any endpoint sees them, and buffers the body so that every later
/// reader gets it whole: 414 for a long URL, 431 for large or many header fields, 413 for a large body.
struct RequestLimitsMiddleware<Context: RequestContext>: RouterMiddleware {
    let limits: RequestLimits

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let format = ErrorFormat(path: request.uri.path)
        if request.head.path.map({ $0.utf8.count > self.limits.maximumURLBytes }) == true {
            throw format.error(.uriTooLong, "The request URL is longer than \(self.limits.maximumURLBytes) bytes.")
        }
        if request.headers.count > self.limits.maximumHeaderCount {
            throw format.error(.requestHeaderFieldsTooLarge, "The request has more than \(self.limits.maximumHeaderCount) header fields.")
        }
        var headerBytes = 0
        for field in request.headers { headerBytes += field.name.rawName.utf8.count + field.value.utf8.count + 4 }
        if headerBytes > self.limits.maximumHeaderBytes {
            throw format.error(.requestHeaderFieldsTooLarge, "The request's header fields are larger than \(self.limits.maximumHeaderBytes) bytes.")
        }
        var request = request
        if Self.mayHaveBody(request) {
            if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > self.limits.maximumBodyBytes {
                throw self.tooLarge(format)
            }
            do {
                _ = try await request.collectBody(upTo: self.limits.maximumBodyBytes)
            } catch is NIOTooManyBytesError {
                throw self.tooLarge(format)
            }
        }
        return try await next(request, context)
    }

    private func tooLarge(_ format: ErrorFormat) -> any Error {
        format.error(.contentTooLarge, "The request body is larger than \(self.limits.maximumBodyBytes) bytes.")
    }

    /// GET, HEAD and DELETE requests without a length or chunked encoding carry no body worth buffering.
    private static func mayHaveBody(_ request: Request) -> Bool {
        switch request.method {
        case .post, .put, .patch: return true
        default: return request.headers[.contentLength] != nil || request.headers[.transferEncoding] != nil
        }
    }
}
