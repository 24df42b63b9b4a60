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
    let keys: SigningKeyRing
    /// `Cache-Control` of both documents (`--jwks-max-age`).
    let cacheControl: String
    private let cache = Mutex<(issuer: IssuerURL, body: Data)?>(nil)
    private let jwksCache = Mutex<(keys: [PublishedJSONWebKey], body: Data)?>(nil)

    init(issuer: PublicIssuer, keys: SigningKeyRing, maxAge: Int, makeDocument: @escaping @Sendable (IssuerURL) -> DiscoveryDocument) {
        self.issuer = issuer
        self.makeDocument = makeDocument
        self.keys = keys
        self.cacheControl = "max-age=\(maxAge)"
    }

    func addRoutes(to routes: EndpointRoutes) {
        routes.on(EndpointPath.discovery, method: .get) { _, _ in
            JSONResponse.make(encoded: try self.discoveryBody(), headers: [.cacheControl: self.cacheControl])
        }
        routes.on(EndpointPath.jwks, method: .get) { _, _ in
            JSONResponse.make(encoded: try self.jwksBody(), headers: [.cacheControl: self.cacheControl])
        }
    }

    /// Every published key, encoded again only when the keys change.
    func jwksBody() throws -> Data {
        let keys = try self.keys.publishedKeys
        return try self.jwksCache.withLock { cache in
            if let cache, cache.keys == keys { return cache.body }
            let body = try JSONResponse.encode(JSONWebKeySet(keys: keys))
            cache = (keys, body)
            return body
        }
    }

    /// The current document, encoded.
    func discoveryBody() throws -> Data {
        let issuer = self.issuer.current
        return try self.cache.withLock { cache in
            if let cache, cache.issuer == issuer { return cache.body }
            let body = try JSONResponse.encode(self.makeDocument(issuer))
            cache = (issuer, body)
            return body
        }
    }
}
