import HTTPTypes
import Hummingbird

/// Which error body a path's endpoint answers with: the stub API's `{"Message"}` under `/Api`, elsewhere the
/// identity server's and control plane's `{"error", "error_description"}`.
enum ErrorFormat {
    case api
    case oauth

    init(path: String) {
        let lowered = path.prefix(APIController.pathPrefix.count + 1).lowercased()
        self = lowered == APIController.pathPrefix || lowered == APIController.pathPrefix + "/" ? .api : .oauth
    }

    /// An error with `status` and `message` in this format.
    func error(_ status: HTTPResponse.Status, _ message: String) -> any Error {
        switch self {
        case .api:
            XenaAPIError(status: status, body: .message(message), headers: [:])
        case .oauth:
            OAuthError(status: status, code: Self.code(for: status), description: message)
        }
    }

    /// The `error` code for a status without a more specific OAuth error.
    static func code(for status: HTTPResponse.Status) -> OAuthErrorCode {
        switch status.code {
        case 404: .notFound
        case 405: .methodNotAllowed
        case 500...599: status == .serviceUnavailable ? .temporarilyUnavailable : .serverError
        default: .invalidRequest
        }
    }
}
