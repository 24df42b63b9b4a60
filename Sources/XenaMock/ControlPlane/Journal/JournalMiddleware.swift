import Foundation
import Hummingbird

/// Records every answered request (except the control API and `/healthz`) in the journal, with its final status,
/// including answers that faults produced.
struct JournalMiddleware: RouterMiddleware {
    typealias Context = XenaRequestContext

    let journal: RequestJournal
    let clock: MockClock

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let kind = EndpointKind(path: request.uri.path)
        guard !kind.isInfrastructure else { return try await next(request, context) }
        let started = ContinuousClock.now
        let time = self.clock.now
        var request = request
        var parameters = Self.formParameters(request.uri.query ?? "")
        if request.method == .post, request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true {
            // Collecting keeps the body for the endpoint as well.
            if let body = try? await request.collectBody(upTo: context.maxUploadSize) {
                parameters.merge(Self.formParameters(String(buffer: body))) { _, body in body }
            }
        }
        func record(_ status: Int, location: String? = nil) {
            let elapsed = ContinuousClock.now - started
            self.journal.record(
                time: time, method: request.method.rawValue, path: request.uri.path, endpoint: kind, parameters: parameters,
                authorization: request.headers[.authorization], status: status, location: location,
                durationMilliseconds: Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)
        }
        do {
            let response = try await next(request, context)
            record(Int(response.status.code), location: response.headers[.location])
            return response
        } catch let error as any HTTPResponseError {
            record(Int(error.status.code))
            throw error
        } catch is InjectedConnectionClose {
            record(0)
            throw InjectedConnectionClose()
        } catch {
            record(500)
            throw error
        }
    }

    /// Form or query parameters for the record; what cannot be parsed is left out.
    static func formParameters(_ text: String) -> [String: String] {
        guard !text.isEmpty else { return [:] }
        return (try? OAuthParameters(formEncoded: text).values) ?? [:]
    }
}
