import Crypto
import Foundation
import HTTPTypes
import Hummingbird

/// The server's few HTML pages (login, consent, form_post, errors, signed out): plain forms that a browser,
/// a headless browser script or a bare HTTP client can drive.
///
/// Every page carries a strict Content-Security-Policy (nothing loads from elsewhere, no inline script or style
/// but the page's own, allowed by hash), refuses to be framed, and is never cached.
struct HTMLPage {
    var title: String
    /// Already-escaped body markup.
    var body: String
    /// A script the page runs (the form_post page submits itself); allowed by its hash.
    var script: HTMLScript?

    init(title: String, body: String, script: HTMLScript? = nil) {
        self.title = title
        self.body = body
        self.script = script
    }

    func response(status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        for (name, value) in Self.securityHeaders(script: self.script) { headers[name] = value }
        let script = self.script.map { "\n<script>\($0.source)</script>" } ?? ""
        let page = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTML.escape(self.title)) – xena-mock</title>
            <style>\(Self.style)</style>
            </head>
            <body>
            \(self.body)
            <p class="note">xena-mock — a test double of Xena's login. Not for production use.</p>\(script)
            </body>
            </html>
            """
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: page)))
    }

    /// The headers RFC 9700 §4.16 and OWASP ask of login pages: no framing (`frame-ancestors 'none'` and
    /// `X-Frame-Options: DENY`), a CSP that allows only this page's own style and script, no referrer leak.
    static func securityHeaders(script: HTMLScript?) -> [(HTTPField.Name, String)] {
        let scriptSource = script.map { "'\($0.hash)'" } ?? "'none'"
        return [
            (
                .contentSecurityPolicy,
                "default-src 'none'; style-src '\(Self.styleHash)'; script-src \(scriptSource); img-src 'self'; base-uri 'none'; frame-ancestors 'none'"
            ),
            (.xFrameOptions, "DENY"),
            (.xContentTypeOptions, "nosniff"),
            (.referrerPolicy, "no-referrer"),
        ]
    }

    static let style = """
        body { font-family: system-ui, sans-serif; max-width: 28rem; margin: 3rem auto; padding: 0 1rem; color: #1d2733; }
        h1 { font-size: 1.4rem; } .error { color: #b3261e; } .note { color: #5b6570; font-size: .85rem; }
        label { display: block; margin: .6rem 0 .2rem; } input[type=text], input[type=password] { width: 100%; padding: .4rem; }
        button { margin: 1rem .5rem 0 0; padding: .5rem 1.2rem; } ul { padding-left: 1.2rem; }
        """

    static let styleHash = HTMLScript.hash(of: style)
}

/// An inline script of an ``HTMLPage`` with the CSP hash that allows exactly it.
struct HTMLScript: Sendable {
    let source: String
    let hash: String

    init(_ source: String) {
        self.source = source
        self.hash = Self.hash(of: source)
    }

    /// `sha256-…` of `text`, as CSP source lists name inline content.
    static func hash(of text: String) -> String {
        "sha256-" + Data(SHA256.hash(data: Data(text.utf8))).base64EncodedString()
    }

    /// The form_post page's script: submit the form to the client at once.
    static let submitForm = HTMLScript("document.forms[0].submit();")
}

enum HTML {
    /// Escapes text for use in element content and quoted attribute values.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    static func hiddenInput(_ name: String, _ value: String) -> String {
        "<input type=\"hidden\" name=\"\(self.escape(name))\" value=\"\(self.escape(value))\">"
    }
}
