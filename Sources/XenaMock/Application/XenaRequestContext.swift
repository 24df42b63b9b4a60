import Hummingbird

/// The request context of every xena-mock route.
public struct XenaRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage

    public init(source: Source) {
        self.coreContext = .init(source: source)
    }

    /// Form bodies and API payloads are small; 1 MiB is plenty and bounds memory per request.
    public var maxUploadSize: Int { 1024 * 1024 }
}
