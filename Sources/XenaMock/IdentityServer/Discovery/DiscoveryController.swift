import Foundation
import Hummingbird
import Synchronization

/// `GET /.well-known/openid-configuration` and its JWKS.
///
/// Both documents are encoded once; discovery again only if the issuer changes (a port-0 server learns
/// its port after start).
final class DiscoveryController: Sendable {
    let issuer: PublicIssuer
    let makeDocument: @Sendable (IssuerURL) -> DiscoveryDocument
    let jwks: Data
    private let cache = Mutex<(issuer: IssuerURL, body: Data)?>(nil)

    init(issuer: PublicIssuer, signingKey: SigningKey, makeDocument: @escaping @Sendable (IssuerURL) -> DiscoveryDocument) {
        self.issuer = issuer
        self.makeDocument = makeDocument
        self.jwks = JSONResponse.encode(JSONWebKeySet(keys: [signingKey.publishedKey]))
    }

    func addRoutes(to routes: EndpointRoutes) {
        routes.on(EndpointPath.discovery, method: .get) { _, _ in
            JSONResponse.make(encoded: self.discoveryBody(), headers: [.cacheControl: "max-age=3600"])
        }
        routes.on(EndpointPath.jwks, method: .get) { _, _ in
            JSONResponse.make(encoded: self.jwks, headers: [.cacheControl: "max-age=3600"])
        }
    }

    /// The current document, encoded.
    func discoveryBody() -> Data {
        let issuer = self.issuer.current
        return self.cache.withLock { cache in
            if let cache, cache.issuer == issuer { return cache.body }
            let body = JSONResponse.encode(self.makeDocument(issuer))
            cache = (issuer, body)
            return body
        }
    }
}
