import Foundation
import HTTPTypes
import Hummingbird

/// The server's few HTML pages (login, code, consent, form_post, errors, signed out): plain forms that a browser,
/// a headless browser script or a bare HTTP client can drive, in Danish or English.
///
/// Every page carries a strict Content-Security-Policy (no inline script or style at all: the stylesheet and the one
/// script are served by the mock under `/assets`), refuses to be framed, and is never cached.
struct HTMLPage {
    var title: String
    /// Already-escaped body markup.
    var body: String
    /// Whether the page runs the form_post script.
    var submitsForm: Bool
    /// The page's language (`<html lang>`, the footer).
    var language: PageLanguage
    /// Where the mock's assets are: the issuer, so pages work behind a path prefix too.
    var issuer: IssuerURL?

    init(title: String, body: String, submitsForm: Bool = false, language: PageLanguage = .english, issuer: IssuerURL? = nil) {
        self.title = title
        self.body = body
        self.submitsForm = submitsForm
        self.language = language
        self.issuer = issuer
    }

    func response(status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        for (name, value) in Self.securityHeaders(script: self.submitsForm) { headers[name] = value }
        let asset = { (path: String) in HTML.escape(self.issuer?.url(path) ?? path) }
        let script = self.submitsForm ? "\n<script src=\"\(asset(PageAssets.formPostScriptPath))\"></script>" : ""
        let page = """
            <!DOCTYPE html>
            <html lang="\(self.language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTML.escape(self.title)) – xena-mock</title>
            <link rel="stylesheet" href="\(asset(PageAssets.stylesheetPath))">
            <link rel="icon" href="\(asset(PageAssets.iconPath))" type="image/svg+xml">
            </head>
            <body>
            <p class="wordmark" aria-hidden="true">Xena</p>
            <main>
            \(self.body)
            </main>
            <footer><p class="note">\(HTML.escape(self.language.text.footer))</p></footer>\(script)
            </body>
            </html>
            """
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: page)))
    }

    /// The headers RFC 9700 §4.16 and OWASP ask of login pages: no framing (`frame-ancestors 'none'` and
    /// `X-Frame-Options: DENY`), a CSP that allows only the mock's own stylesheet and script, no referrer leak.
    static func securityHeaders(script: Bool) -> [(HTTPField.Name, String)] {
        [
            (
                .contentSecurityPolicy,
                "default-src 'none'; style-src 'self'; script-src \(script ? "'self'" : "'none'"); img-src 'self'; base-uri 'none'; frame-ancestors 'none'"
            ),
            (.xFrameOptions, "DENY"),
            (.xContentTypeOptions, "nosniff"),
            (.referrerPolicy, "no-referrer"),
        ]
    }
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
