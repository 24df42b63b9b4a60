import Hummingbird
import NIOCore

/// The request context of every xena-mock route.
public struct XenaRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The connection, so an injected fault can drop it without answering.
    public let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }

    /// Form bodies and API payloads are small; 1 MiB is plenty and bounds memory per request.
    public var maxUploadSize: Int { 1024 * 1024 }
}
