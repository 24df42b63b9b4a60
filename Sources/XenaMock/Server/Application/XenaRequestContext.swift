import Hummingbird
import NIOCore

/// The request context of every xena-mock route.
public struct XenaRequestContext: RequestContext {
    /// Hummingbird's storage for the request.
    public var coreContext: CoreRequestContextStorage
    /// The connection, so an injected fault can drop it without answering.
    public let channel: any Channel
    /// What the Xena API's middleware learned about an `/Api` request: its user and its documented operation.
    var apiCall = APICall()

    /// A context for one request.
    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }

    /// Bodies are bounded before any endpoint reads them (``RequestLimits/maximumBodyBytes``, 1 MiB by default, 413
    /// past it): the limits middleware buffers each one, so later readers only copy what is already there.
    public var maxUploadSize: Int { Int.max }
}
