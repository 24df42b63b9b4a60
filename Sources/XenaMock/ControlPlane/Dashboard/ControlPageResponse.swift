import HTTPTypes
import Hummingbird
import NIOCore

/// How the control plane's browser pages (the dashboard and the playground) and their scripts and stylesheet are
/// answered: never cached as stale, with a Content-Security-Policy that allows only the mock's own script, style and
/// fetches, and no framing or referrer.
enum ControlPageResponse {
    /// An HTML page under the control plane's policy.
    static func page(_ html: String) -> Response {
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"]
        headers[.contentSecurityPolicy] =
            "default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
        headers[.xFrameOptions] = "DENY"
        headers[.xContentTypeOptions] = "nosniff"
        headers[.referrerPolicy] = "no-referrer"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// A page of the control plane: the shared stylesheet, `script`, a header with `heading`, a link to the other page,
    /// the status line and the admin-token form the scripts show when the control API asks for the token, then `main`
    /// (already-escaped markup).
    static func document(title: String, heading: String, script: String, link: (path: String, text: String), main: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTML.escape(title)) – xena-mock</title>
        <link rel="stylesheet" href="\(DashboardController.stylesheetPath)">
        <link rel="icon" href="\(PageAssets.iconPath)" type="image/svg+xml">
        <script src="\(script)" defer></script>
        </head>
        <body>
        <header><h1>\(HTML.escape(heading))</h1><nav aria-label="Mock pages"><a href="\(link.path)">\(HTML.escape(link.text))</a></nav>
        <p id="status" role="status">Loading…</p>
        <form id="token-form" hidden><label for="admin-token">Admin token</label> <input id="admin-token" type="password" autocomplete="off">
        <button type="submit">Use</button></form></header>
        \(main)
        </body>
        </html>
        """
    }

    /// A script or stylesheet the pages load.
    static func asset(_ text: String, type: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: type, .cacheControl: "no-cache", .xContentTypeOptions: "nosniff"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
