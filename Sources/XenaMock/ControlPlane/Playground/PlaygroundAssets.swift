import Foundation

/// The playground's page: a form to choose a client, a flow and scopes, and the list of steps the script fills. It
/// uses the dashboard's stylesheet.
enum PlaygroundAssets {
    /// The page; at the callback after a form_post answer, `callbackParameters` are what the browser posted, handed to
    /// the script in a data attribute (the page allows no inline script).
    static func page(callbackParameters: [String: String]?) -> String {
        let callback = callbackParameters.map { parameters in
            let json = (try? JSONEncoder().encode(parameters)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
            return " data-callback=\"\(HTML.escape(json))\""
        }
        return ControlPageResponse.document(
            title: "Playground", heading: "xena-mock playground", script: PlaygroundController.scriptPath,
            link: (DashboardController.pagePath, "Dashboard"),
            main: """
                <main id="playground" class="playground"\(callback ?? "")>
                <section aria-labelledby="run-heading"><h2 id="run-heading">Run a flow</h2>
                <form id="run-form">
                <div class="row"><label for="client">Client</label> <select id="client"></select></div>
                <div class="row"><label for="flow">Flow</label> <select id="flow" aria-describedby="flow-help"></select></div>
                <p id="flow-help" class="muted"></p>
                <fieldset id="scopes"><legend>Scopes</legend></fieldset>
                <div class="row"><label for="api-path">API call</label> <input id="api-path" type="text" value="/Api/User/FiscalSetup" size="32"></div>
                <div class="row"><button type="submit" id="run">Run</button> <button type="button" id="clear">Clear the steps</button></div>
                </form>
                <p class="muted">Redirect flows leave for the login and consent pages and come back to
                <code>/_mock/playground/callback</code>, which the demo clients list as <code>{issuer}/_mock/playground/callback</code>.
                What a run needs between pages stays in this tab.</p>
                </section>
                <section aria-labelledby="steps-heading"><h2 id="steps-heading">Steps</h2><ol id="steps" class="steps"></ol></section>
                </main>
                """)
    }
}
