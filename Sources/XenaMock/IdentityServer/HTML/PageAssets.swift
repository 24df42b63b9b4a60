import Foundation
import Hummingbird

/// The stylesheet and the one script of the identity server's pages, served by the mock itself (`/assets/…`), so the
/// pages work offline and the Content-Security-Policy allows no inline code at all.
enum PageAssets {
    static let stylesheetPath = "/assets/xena-mock.css"
    static let formPostScriptPath = "/assets/form-post.js"
    static let iconPath = "/assets/icon.svg"

    /// `GET /assets/xena-mock.css` and `GET /assets/form-post.js`.
    static func addRoutes(to routes: EndpointRoutes) {
        routes.on(Self.stylesheetPath, method: .get) { _, _ in Self.response(Self.stylesheet, type: "text/css; charset=utf-8") }
        routes.on(Self.formPostScriptPath, method: .get) { _, _ in Self.response(Self.formPostScript, type: "text/javascript; charset=utf-8") }
        routes.on(Self.iconPath, method: .get) { _, _ in Self.response(Self.icon, type: "image/svg+xml") }
    }

    private static func response(_ text: String, type: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: type, .cacheControl: "public, max-age=3600", .xContentTypeOptions: "nosniff"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// The pages' icon: an X on Xena's green, so browsers ask for no `/favicon.ico`.
    static let icon = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0b6e63"/>\
        <path d="M9 8l14 16M23 8L9 24" stroke="#fff" stroke-width="4" stroke-linecap="round"/></svg>
        """

    /// The form_post page's script: submit the form to the client at once (a button does it without JavaScript).
    static let formPostScript = "document.forms[0].submit();\n"

    /// A clean login card in Xena's manner (the wordmark is text; nothing claims to be the real site). Colours meet
    /// WCAG AA contrast; focus is always visible; nothing moves or shifts once the page has loaded.
    static let stylesheet = """
        :root { color-scheme: light; --ink: #1d2733; --muted: #4f5a66; --accent: #0b6e63; --accent-dark: #084f47; --error: #a4161a;
          --line: #c9d1d9; --page: #eef2f4; }
        * { box-sizing: border-box; }
        body { margin: 0; min-height: 100vh; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
          background: var(--page); display: flex; flex-direction: column; align-items: center; padding: 2rem 1rem; }
        .wordmark { font-size: 2rem; font-weight: 700; letter-spacing: .02em; color: var(--accent-dark); margin: 0 0 1rem; }
        main { width: 100%; max-width: 26rem; background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 1.5rem 1.75rem; }
        h1 { font-size: 1.35rem; margin: 0 0 .75rem; }
        p { margin: .5rem 0; }
        label { display: block; margin: .9rem 0 .25rem; font-weight: 600; }
        input[type=text], input[type=password], input[type=email] { width: 100%; padding: .55rem .65rem; font: inherit; color: var(--ink);
          border: 1px solid var(--muted); border-radius: 4px; background: #fff; }
        .choice label { display: inline; font-weight: 400; margin: 0; }
        fieldset { border: 0; padding: 0; margin: .75rem 0 0; }
        legend { font-weight: 600; padding: 0; }
        ul { padding-left: 0; list-style: none; }
        li { margin: .5rem 0; }
        .actions { display: flex; gap: .75rem; margin-top: 1.25rem; flex-wrap: wrap; }
        button { font: inherit; font-weight: 600; padding: .55rem 1.25rem; border-radius: 4px; border: 1px solid var(--accent); cursor: pointer; }
        button.primary { background: var(--accent); color: #fff; }
        button.primary:hover { background: var(--accent-dark); }
        button.secondary { background: #fff; color: var(--accent-dark); }
        button.link { background: none; border: none; padding: .25rem 0; color: var(--accent-dark); text-decoration: underline; font-weight: 600; }
        :focus-visible { outline: 3px solid #1a4fd6; outline-offset: 2px; }
        .error { color: var(--error); font-weight: 600; }
        .muted, .note { color: var(--muted); font-size: .9rem; }
        .demo { margin-top: 1.5rem; border-top: 1px solid var(--line); padding-top: 1rem; }
        .demo h2 { font-size: 1rem; margin: 0 0 .25rem; }
        .demo form { margin: .25rem 0; }
        footer { max-width: 26rem; margin-top: 1rem; text-align: center; }
        """
}
