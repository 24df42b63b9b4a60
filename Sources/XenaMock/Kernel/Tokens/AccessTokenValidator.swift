import Foundation
import HTTPTypes
import JWTKit

/// Validates bearer access tokens the way Xena's ASP.NET API and IdentityServer4's userinfo do:
/// RS256 signature by the server's key, issuer, `exp` and `nbf` against the mock's clock (with the configured skew),
/// and revocation. Failures are RFC 6750 §3 errors whose description says what is wrong.
struct AccessTokenValidator: Sendable {
    let signer: TokenSigner
    let issuer: PublicIssuer
    let clock: MockClock
    /// The identity server's revocations.
    let revocations: any AccessTokenRevocations
    /// Seconds of tolerance on `exp` and `nbf`.
    let clockSkew: Int
    /// Tokens whose signature was already verified.
    let verified: VerifiedTokenCache

    /// The token of `Authorization: Bearer …`, or the `WWW-Authenticate: Bearer` refusal when there is none.
    static func bearerToken(in headers: HTTPFields) throws(OAuthError) -> String {
        guard let authorization = headers[.authorization] else { throw .bearerTokenMissing() }
        let parts = authorization.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw .bearerTokenMissing("The Authorization header must use the Bearer scheme.")
        }
        return String(parts[1].trimmedSpacesAndTabs)
    }

    /// The claims of a valid token, or the `invalid_token` refusal saying why it is not.
    func validate(_ token: String) async throws(OAuthError) -> AccessTokenClaims {
        let claims = try await self.verifiedClaims(of: token)
        let now = self.clock.nowSeconds
        let skew = Int64(self.clockSkew)
        guard claims.issuer == self.issuer.current.string else {
            throw .invalidToken("The issuer '\(claims.issuer)' is invalid.")
        }
        guard claims.expiresAt + skew > now else {
            throw .invalidToken("The token expired at '\(Self.format(claims.expiresAt))'.")
        }
        guard claims.notBefore - skew <= now else {
            throw .invalidToken("The token is not valid before '\(Self.format(claims.notBefore))'.")
        }
        guard !self.revocations.isAccessTokenRevoked(id: claims.tokenID) else {
            throw .invalidToken("The token has been revoked.")
        }
        return claims
    }

    /// The claims of a token signed by the server's key, from the cache or verified now.
    private func verifiedClaims(of token: String) async throws(OAuthError) -> AccessTokenClaims {
        if let (claims, kid) = self.verified.claims(for: token) {
            // A key retired since the token was verified refuses it from now on.
            if self.signer.keys.published(kid) != nil { return claims }
            throw Self.unknownKey(kid, retired: self.signer.keys.isRetired(kid))
        }
        let header = try Self.header(of: token)
        guard header.alg == "RS256" else {
            throw .invalidToken("The token's algorithm '\(header.alg ?? "none")' is not accepted; tokens are signed with RS256.")
        }
        let kid = header.kid ?? ""
        guard self.signer.keys.published(kid) != nil else {
            throw Self.unknownKey(kid, retired: self.signer.keys.isRetired(kid))
        }
        let claims: AccessTokenClaims
        do {
            claims = try await self.signer.verify(token, as: AccessTokenClaims.self)
        } catch let error as JWTError where error.errorType == .signatureVerificationFailed {
            throw .invalidToken("The signature is invalid.")
        } catch let error as JWTError where error.errorType == .claimVerificationFailure || error.errorType == .malformedToken {
            throw .invalidToken("The token is malformed.")
        } catch {
            throw .invalidToken("The signature is invalid.")
        }
        self.verified.store(claims, keyID: kid, for: token)
        return claims
    }

    /// The refusal of a token whose key the server does not publish.
    private static func unknownKey(_ kid: String, retired: Bool) -> OAuthError {
        retired
            ? .invalidToken("The signature key '\(kid)' is unknown: it has been retired.")
            : .invalidToken("The signature key was not found.")
    }

    private struct Header: Decodable {
        var alg: String?
        var kid: String?
    }

    private static func header(of token: String) throws(OAuthError) -> Header {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let data = try? Base64URL.decode(String(parts[0])),
            let header = try? JSONDecoder().decode(Header.self, from: Data(data))
        else {
            throw .invalidToken("The token is malformed.")
        }
        return header
    }

    static func format(_ seconds: Int64) -> String {
        Date(timeIntervalSince1970: TimeInterval(seconds)).formatted(.iso8601)
    }
}

// MARK: RFC 6750 §3 bearer token errors

extension OAuthError {
    /// No usable token: `401` with a bare `WWW-Authenticate: Bearer` challenge (RFC 6750 §3.1).
    public static func bearerTokenMissing(_ description: String = "A bearer token is required.") -> OAuthError {
        OAuthError(status: .unauthorized, code: .invalidRequest, description: description, headers: [.wwwAuthenticate: "Bearer"])
    }

    /// A bad, expired or revoked token.
    public static func invalidToken(_ description: String) -> OAuthError {
        OAuthError(
            status: .unauthorized, code: .invalidToken, description: description,
            headers: [.wwwAuthenticate: "Bearer error=\"invalid_token\", error_description=\"\(Self.quoted(description))\""])
    }

    /// A valid token without the scope the resource needs.
    public static func insufficientScope(_ scope: String, _ description: String) -> OAuthError {
        OAuthError(
            status: .forbidden, code: .insufficientScope, description: description,
            headers: [
                .wwwAuthenticate: "Bearer error=\"insufficient_scope\", error_description=\"\(Self.quoted(description))\", scope=\"\(scope)\""
            ])
    }

    /// RFC 6750 §3: error_description may not hold `"` or `\`.
    private static func quoted(_ text: String) -> String {
        String(text.map { $0 == "\"" || $0 == "\\" ? "'" : $0 })
    }
}
