import HTTPTypes
import Hummingbird

/// The server's few HTML pages (login, consent, form_post, errors, signed out): plain forms that a browser,
/// a headless browser script or a bare HTTP client can drive.
struct HTMLPage {
    var title: String
    /// Already-escaped body markup.
    var body: String
    var onLoad: String?

    func response(status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        let onLoad = self.onLoad.map { " onload=\"\(HTML.escape($0))\"" } ?? ""
        let page = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTML.escape(self.title)) – xena-mock</title>
            <style>
            body { font-family: system-ui, sans-serif; max-width: 28rem; margin: 3rem auto; padding: 0 1rem; color: #1d2733; }
            h1 { font-size: 1.4rem; } .error { color: #b3261e; } .note { color: #5b6570; font-size: .85rem; }
            label { display: block; margin: .6rem 0 .2rem; } input[type=text], input[type=password] { width: 100%; padding: .4rem; }
            button { margin: 1rem .5rem 0 0; padding: .5rem 1.2rem; } ul { padding-left: 1.2rem; }
            </style>
            </head>
            <body\(onLoad)>
            \(self.body)
            <p class="note">xena-mock — a test double of Xena's login. Not for production use.</p>
            </body>
            </html>
            """
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: page)))
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
