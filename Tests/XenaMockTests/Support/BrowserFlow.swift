import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import XenaMock

/// A PKCE verifier and its S256 challenge.
struct PKCEPair {
    let verifier: String
    let challenge: String

    init() {
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255) }
        self.verifier = Base64URL.encode(bytes)
        self.challenge = Base64URL.encode(Array(SHA256.hash(data: Data(self.verifier.utf8))))
    }
}

/// What came back from the authorize endpoint, wherever the response mode put it.
struct AuthorizeResult {
    let status: HTTPResponse.Status
    let location: String?
    /// Parameters from the query, the fragment or the form_post form.
    let parameters: [String: String]
    let body: String
    let setCookie: String?

    subscript(_ name: String) -> String? { self.parameters[name] }
}

enum BrowserFlow {
    static let nativeRedirect = "http://127.0.0.1:51234/callback"
    static let hybridRedirect = "http://localhost:8080/signin-oidc"
    static let implicitRedirect = "http://localhost:8080/callback.html"

    static func query(_ parameters: [(String, String)]) -> String {
        FormBody.encode(parameters)
    }

    /// GETs `/connect/authorize` with `parameters` and reads the answer.
    static func authorize(
        _ client: some TestClientProtocol, _ parameters: [(String, String)], cookie: String? = nil
    ) async throws -> AuthorizeResult {
        var headers: HTTPFields = [:]
        if let cookie { headers[.cookie] = cookie }
        let response = try await client.execute(uri: "/connect/authorize?" + self.query(parameters), method: .get, headers: headers)
        return self.read(response)
    }

    static func read(_ response: TestResponse) -> AuthorizeResult {
        let body = String(buffer: response.body)
        let location = response.headers[.location]
        var parameters: [String: String] = [:]
        if let location, let components = URLComponents(string: location) {
            for item in components.queryItems ?? [] { parameters[item.name] = item.value ?? "" }
            if let fragment = components.percentEncodedFragment {
                var fragmentComponents = URLComponents()
                fragmentComponents.percentEncodedQuery = fragment
                for item in fragmentComponents.queryItems ?? [] { parameters[item.name] = item.value ?? "" }
            }
        } else if body.contains("<form method=\"post\"") {
            for match in body.matches(of: /<input type="hidden" name="([^"]*)" value="([^"]*)">/) {
                parameters[self.unescape(String(match.1))] = self.unescape(String(match.2))
            }
        }
        let setCookie = response.headers[values: .setCookie].first { $0.hasPrefix(BrowserSessionStore.cookieName + "=") }
        return AuthorizeResult(status: response.status, location: location, parameters: parameters, body: body, setCookie: setCookie)
    }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// The `name=value` of a Set-Cookie header, to send back as a Cookie header.
    static func cookiePair(_ setCookie: String?) -> String? {
        setCookie?.split(separator: ";").first.map(String.init)
    }

    /// Authorization request parameters of the public native client with PKCE.
    static func nativeCodeRequest(_ pkce: PKCEPair, scope: String = "openid profile email testapi offline_access", extra: [(String, String)] = [])
        -> [(String, String)]
    {
        [
            ("client_id", "demo-native.xena.biz"), ("redirect_uri", self.nativeRedirect), ("response_type", "code"), ("scope", scope),
            ("state", "st-123"), ("nonce", "n-456"), ("code_challenge", pkce.challenge), ("code_challenge_method", "S256"),
        ] + extra
    }

    /// Logs in with code + PKCE as the native client and exchanges the code; returns the token response body.
    static func nativeLogin(
        _ client: some TestClientProtocol, scope: String = "openid profile email testapi offline_access", extra: [(String, String)] = []
    ) async throws -> JSONValue {
        let pkce = PKCEPair()
        let result = try await self.authorize(client, self.nativeCodeRequest(pkce, scope: scope, extra: extra))
        let code = try #require(result["code"], "\(result.parameters)")
        let response = try await client.postForm(
            "/connect/token",
            [
                ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", self.nativeRedirect), ("client_id", "demo-native.xena.biz"),
                ("code_verifier", pkce.verifier),
            ])
        #expect(response.status == .ok)
        return try response.json()
    }

    /// A service-account access token (no openid).
    static func serviceToken(_ client: some TestClientProtocol) async throws -> String {
        let response = try await client.postForm(
            "/connect/token", [("grant_type", "client_credentials")],
            headers: [.authorization: FormBody.basic("demo-service.xena.biz", "demo-service-secret")])
        return try #require(try response.json()["access_token"]?.string)
    }
}
