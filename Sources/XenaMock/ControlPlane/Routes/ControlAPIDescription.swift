/// The OpenAPI 3.1 description of the control API, served at `GET /_mock/openapi.json` so that tests in any
/// language can generate a client for it and the fuzzer can drive it. A test checks it against the routes the
/// server registers, and the fuzzer validates live answers against its schemas.
enum ControlAPIDescription {
    /// The document, with `servers` pointing at `baseURL`.
    static func document(baseURL: String) -> JSONValue {
        [
            "openapi": "3.1.0",
            "info": [
                "title": "xena-mock control API",
                "version": "1",
                "description": .string(
                    "Steers a running xena-mock: its clock, faults, consent queue, users, clients, tokens, journal and reset. "
                        + "Off loopback every call needs `Authorization: Bearer <admin token>`. Every error is "
                        + "`{\"error\", \"error_description\"}`; a number out of its documented range is a 400 naming the field."),
            ],
            "servers": [["url": .string(baseURL + ControlPaths.root)]],
            "security": [[:], ["adminToken": []]],
            "paths": self.paths,
            "components": [
                "securitySchemes": ["adminToken": ["type": "http", "scheme": "bearer"]],
                "schemas": self.schemas,
                "responses": [
                    "BadRequest": self.errorResponse("The body or a parameter is invalid; error_description names the field."),
                    "NotFound": self.errorResponse("Nothing with that id or name."),
                    "Conflict": self.errorResponse("The name is taken."),
                ],
            ],
        ]
    }

    // MARK: Paths

    private static var paths: JSONValue {
        [
            "/clock": ["get": self.operation("clockGet", "The mock's time and its offset from the system clock.", ok: "ClockState")],
            "/clock/advance": [
                "post": self.operation(
                    "clockAdvance", "Moves the clock by seconds (negative: back); the clock stays within years 1970 to 9999.",
                    body: "ClockAdvance", ok: "ClockState")
            ],
            "/clock/set": [
                "post": self.operation(
                    "clockSet", "Sets the clock to a time (ISO 8601 text or seconds since 1970); it keeps running from there.",
                    body: "ClockSet", ok: "ClockState")
            ],
            "/clock/reset": ["post": self.operation("clockReset", "Back to the offset the server started with.", ok: "ClockState")],
            "/faults": [
                "get": self.operation("faultsGet", "Active endpoint faults and the latency.", ok: "FaultsState"),
                "post": self.operation(
                    "faultsAdd", "Adds an endpoint fault, as a SPEC string or in its JSON form.", body: "FaultRequest", ok: "ActiveFault",
                    okStatus: "201"),
                "delete": self.operation("faultsClear", "Removes every endpoint fault.", ok: "FaultsState"),
            ],
            "/faults/{id}": [
                "parameters": [self.pathParameter("id", type: "integer")],
                "delete": self.operation("faultsRemove", "Removes one endpoint fault.", ok: "FaultsState", notFound: true),
            ],
            "/token-faults": [
                "get": self.operation("tokenFaultsGet", "Defects queued for the next access tokens.", ok: "TokenFaultsState"),
                "post": self.operation(
                    "tokenFaultsAdd", "Queues a defect for the next count tokens, or all.", body: "TokenFaultRequest", ok: "TokenFaultsState"),
                "delete": self.operation("tokenFaultsClear", "Removes every token fault.", ok: "TokenFaultsState"),
            ],
            "/consent": [
                "get": self.operation("consentGet", "The consent mode and the queued outcomes.", ok: "ConsentState"),
                "post": self.operation("consentQueue", "Queues outcomes for the next authorization requests.", body: "ConsentQueue", ok: "ConsentState"),
                "delete": self.operation("consentClear", "Empties the queue.", ok: "ConsentState"),
            ],
            "/users": self.collection("users", "User"),
            "/users/{key}": self.entry("users", "User", key: "username"),
            "/clients": self.collection("clients", "Client"),
            "/clients/{key}": self.entry("clients", "Client", key: "client_id"),
            "/": self.text("dashboard", "The dashboard: a page that shows the mock's state live and steers it (no admin token needed).", "text/html"),
            "/dashboard.js": self.text("dashboardScript", "The dashboard's script.", "text/javascript"),
            "/dashboard.css": self.text("dashboardStylesheet", "The dashboard's stylesheet.", "text/css"),
            "/playground": self.text(
                "playground", "The playground: runs a login with a demo client in the browser and shows every step (no admin token needed).",
                "text/html"),
            "/playground.js": self.text("playgroundScript", "The playground's script.", "text/javascript"),
            "/playground/callback": self.playgroundCallback,
            "/events": self.text(
                "events", "Server-sent events: `change` whenever something the dashboard shows changes (a stream of at most 5 minutes).",
                "text/event-stream"),
            "/sessions": [
                "get": self.operation("sessionsGet", "The browser sessions (without their cookies) and the consents granted.", ok: "SessionsState")
            ],
            "/tokens": [
                "get": self.operation("tokensGet", "The tokens signed lately (the last 200), newest first, decoded.", ok: "TokensPage"),
                "post": self.operation(
                    "tokensMint", "Signs an access token (and an id_token with openid) for a user and client, without a flow.",
                    body: "TokenMintRequest", ok: "TokenResponse"),
            ],
            "/requests": [
                "get": [
                    "operationId": "requestsGet", "summary": "The journal of answered requests, secrets redacted.",
                    "parameters": [
                        [
                            "name": "endpoint", "in": "query", "required": false,
                            "schema": ["type": "string", "enum": .array(EndpointKind.allCases.filter { !$0.isInfrastructure }.map { .string($0.rawValue) })],
                        ]
                    ],
                    "responses": ["200": self.jsonResponse("JournalPage"), "400": ["$ref": "#/components/responses/BadRequest"]],
                ],
                "delete": ["operationId": "requestsClear", "summary": "Empties the journal.", "responses": ["204": ["description": "Emptied."]]],
            ],
            "/tls/ca.pem": [
                "get": [
                    "operationId": "tlsCA", "summary": "The certificate of the CA --tls made, to trust (404 without --tls).",
                    "responses": [
                        "200": ["description": "PEM", "content": ["application/x-pem-file": ["schema": ["type": "string"]]]],
                        "404": ["$ref": "#/components/responses/NotFound"],
                    ],
                ]
            ],
            "/keys": ["get": self.operation("keysGet", "Every signing key with its state (signing, published, retired).", ok: "KeysState")],
            "/keys/rotate": [
                "post": self.operation(
                    "keysRotate", "Makes a new RSA-2048 key the signing key; the previous one stays published.", ok: "KeyRotation")
            ],
            "/keys/{kid}": [
                "parameters": [self.pathParameter("kid", type: "string")],
                "delete": self.operation(
                    "keysRetire", "Retires a published key: JWKS drops it and tokens it signed are refused.", ok: "KeysState", notFound: true,
                    conflict: true),
            ],
            "/reset": ["post": self.operation("reset", "Back to the fixtures: state, faults, clock, keys and journal.", ok: "ResetState")],
            "/openapi.json": [
                "get": [
                    "operationId": "openAPI", "summary": "This document.",
                    "responses": ["200": ["description": "OpenAPI 3.1", "content": ["application/json": ["schema": ["type": "object"]]]]],
                ]
            ],
        ]
    }

    private static func collection(_ name: String, _ schema: String) -> JSONValue {
        [
            "get": [
                "operationId": .string("\(name)List"), "summary": .string("Every registered \(schema.lowercased())."),
                "responses": ["200": ["description": "OK", "content": ["application/json": ["schema": ["type": "array", "items": self.ref(schema)]]]]],
            ],
            "post": self.operation(
                "\(name)Add", "Registers a \(schema.lowercased()) with the same checks as the fixtures.", body: schema, ok: schema, okStatus: "201",
                conflict: true),
        ]
    }

    private static func entry(_ name: String, _ schema: String, key: String) -> JSONValue {
        [
            "parameters": [self.pathParameter("key", type: "string", description: "The \(key).")],
            "get": self.operation("\(name)Get", "One \(schema.lowercased()).", ok: schema, notFound: true),
            "put": self.operation("\(name)Replace", "Replaces (or adds) a \(schema.lowercased()).", body: schema, ok: schema),
            "delete": [
                "operationId": .string("\(name)Remove"), "summary": .string("Removes a \(schema.lowercased()); their tokens stop working."),
                "responses": ["204": ["description": "Removed."], "404": ["$ref": "#/components/responses/NotFound"]],
            ],
        ]
    }

    private static func operation(
        _ id: String, _ summary: String, body: String? = nil, ok: String, okStatus: String = "200", notFound: Bool = false, conflict: Bool = false
    ) -> JSONValue {
        var responses: [String: JSONValue] = [okStatus: self.jsonResponse(ok)]
        if body != nil { responses["400"] = ["$ref": "#/components/responses/BadRequest"] }
        if notFound { responses["404"] = ["$ref": "#/components/responses/NotFound"] }
        if conflict { responses["409"] = ["$ref": "#/components/responses/Conflict"] }
        var operation: [String: JSONValue] = ["operationId": .string(id), "summary": .string(summary), "responses": .object(responses)]
        if let body {
            operation["requestBody"] = ["required": true, "content": ["application/json": ["schema": self.ref(body)]]]
        }
        return .object(operation)
    }

    /// The playground's redirect URI: the page again, for answers in the query or fragment (`GET`) or posted by
    /// `form_post` (`POST`, whose parameters the page hands to its script).
    private static var playgroundCallback: JSONValue {
        let page: JSONValue = ["200": ["description": "OK", "content": ["text/html": ["schema": ["type": "string"]]]]]
        let form: JSONValue = ["type": "object", "additionalProperties": ["type": "string"]]
        return [
            "get": ["operationId": "playgroundCallback", "summary": "The playground's redirect URI (query and fragment answers).", "responses": page],
            "post": [
                "operationId": "playgroundFormPostCallback", "summary": "The playground's redirect URI for form_post answers.",
                "requestBody": ["content": ["application/x-www-form-urlencoded": ["schema": form]]], "responses": page,
            ],
        ]
    }

    /// A `GET` that answers text of a media type (the dashboard and its event stream).
    private static func text(_ id: String, _ summary: String, _ mediaType: String) -> JSONValue {
        [
            "get": [
                "operationId": .string(id), "summary": .string(summary),
                "responses": ["200": ["description": "OK", "content": [mediaType: ["schema": ["type": "string"]]]]],
            ]
        ]
    }

    private static func pathParameter(_ name: String, type: String, description: String? = nil) -> JSONValue {
        var parameter: [String: JSONValue] = ["name": .string(name), "in": "path", "required": true, "schema": ["type": .string(type)]]
        if let description { parameter["description"] = .string(description) }
        return .object(parameter)
    }

    private static func jsonResponse(_ schema: String) -> JSONValue {
        ["description": "OK", "content": ["application/json": ["schema": self.ref(schema)]]]
    }

    private static func errorResponse(_ description: String) -> JSONValue {
        ["description": .string(description), "content": ["application/json": ["schema": self.ref("Error")]]]
    }

    private static func ref(_ name: String) -> JSONValue {
        ["$ref": .string("#/components/schemas/\(name)")]
    }

    // MARK: Schemas

    private static func object(_ properties: [String: JSONValue], required: [String] = []) -> JSONValue {
        ["type": "object", "properties": .object(properties), "required": .array(required.map { .string($0) })]
    }

    private static func integer(_ range: ClosedRange<Int>? = nil) -> JSONValue {
        guard let range else { return ["type": "integer"] }
        return ["type": "integer", "minimum": .integer(Int64(range.lowerBound)), "maximum": .integer(Int64(range.upperBound))]
    }

    private static let string: JSONValue = ["type": "string"]
    private static let dateTime: JSONValue = ["type": "string", "format": "date-time"]
    private static let strings: JSONValue = ["type": "array", "items": ["type": "string"]]
    private static let boolean: JSONValue = ["type": "boolean"]

    private static var schemas: JSONValue {
        let targets = JSONValue.array((EndpointFault.targets.map(\.rawValue) + ["any"]).map { .string($0) })
        let tokenFaults = JSONValue.array(TokenFault.allCases.map { .string($0.rawValue) })
        let outcomes = JSONValue.array(ConsentOutcome.names.map { .string($0) })
        let fault = self.object(
            [
                "target": ["type": "string", "enum": targets], "pathPrefix": self.string, "status": self.integer(InputBounds.faultStatus),
                "error": self.string, "delay": self.integer(InputBounds.delayMilliseconds), "malformed": self.boolean, "close": self.boolean,
                "times": self.integer(InputBounds.faultCount), "probability": ["type": "number", "minimum": 0, "maximum": 1],
                "seed": ["type": "integer", "minimum": 0],
            ], required: ["target"])
        return [
            "Error": self.object(["error": self.string, "error_description": self.string], required: ["error"]),
            "KeysState": self.object(
                [
                    "keys": [
                        "type": "array",
                        "items": self.object(
                            ["kid": self.string, "state": ["type": "string", "enum": ["signing", "published", "retired"]], "createdAt": self.dateTime],
                            required: ["kid", "state", "createdAt"]),
                    ]
                ], required: ["keys"]),
            "KeyRotation": self.object(["kid": self.string, "previous": self.string], required: ["kid", "previous"]),
            "ClockState": self.object(
                ["now": self.dateTime, "epochSeconds": self.integer(), "offsetSeconds": ["type": "number"]], required: ["now", "epochSeconds", "offsetSeconds"]),
            "ClockAdvance": self.object(["seconds": ["type": "number"]], required: ["seconds"]),
            "ClockSet": self.object(
                ["time": ["oneOf": [self.dateTime, ["type": "number", "minimum": 0, "maximum": 253_402_300_799]]]], required: ["time"]),
            "EndpointFault": fault,
            "FaultRequest": ["oneOf": [self.object(["spec": self.string], required: ["spec"]), self.ref("EndpointFault")]],
            "ActiveFault": [
                "allOf": [
                    self.ref("EndpointFault"),
                    self.object(["id": self.integer(), "remaining": self.integer(), "applied": self.integer()], required: ["id", "applied"]),
                ]
            ],
            "FaultsState": self.object(
                ["faults": ["type": "array", "items": self.ref("ActiveFault")], "latencyMilliseconds": self.integer(InputBounds.delayMilliseconds)],
                required: ["faults", "latencyMilliseconds"]),
            "TokenFaultRequest": self.object(
                ["fault": ["type": "string", "enum": tokenFaults], "count": self.integer(InputBounds.faultCount), "all": self.boolean], required: ["fault"]),
            "TokenFaultsState": self.object(
                [
                    "rules": [
                        "type": "array",
                        "items": self.object(["fault": ["type": "string", "enum": tokenFaults], "remaining": self.integer()], required: ["fault"]),
                    ]
                ], required: ["rules"]),
            "ConsentOutcome": [
                "oneOf": [
                    ["type": "string", "enum": outcomes],
                    self.object(["outcome": ["type": "string", "enum": outcomes], "user": self.string, "scopes": self.strings], required: ["outcome"]),
                ]
            ],
            "ConsentQueue": self.object(["outcomes": ["type": "array", "items": self.ref("ConsentOutcome")]], required: ["outcomes"]),
            "ConsentState": self.object(
                [
                    "mode": ["type": "string", "enum": .array(ConsentMode.allCases.map { .string($0.rawValue) })],
                    "pending": ["type": "array", "items": self.ref("ConsentOutcome")],
                ], required: ["mode", "pending"]),
            "User": self.object(
                [
                    "sub": self.string, "username": self.string, "password": self.string, "name": self.string, "given_name": self.string,
                    "family_name": self.string, "preferred_username": self.string, "email": self.string, "email_verified": self.boolean,
                    "locale": self.string, "picture": self.string, "website": self.string, "xena_user_id": self.integer(),
                    "aliases": self.strings, "otp": ["type": "string", "pattern": "^[0-9]{6}$"],
                    "memberships": [
                        "type": "array",
                        "items": self.object(
                            ["fiscal_setup_id": self.integer(), "membership_id": self.integer(), "security_groups": self.string],
                            required: ["fiscal_setup_id", "membership_id"]),
                    ],
                ],
                required: ["sub", "username", "password", "xena_user_id"]),
            "Client": self.object(
                [
                    "client_id": self.string, "client_name": self.string, "client_secrets": self.strings,
                    "grant_types": ["type": "array", "items": ["type": "string", "enum": .array(ClientGrantType.allCases.map { .string($0.rawValue) })]],
                    "allowed_scopes": self.strings, "redirect_uris": self.strings, "post_logout_redirect_uris": self.strings, "require_pkce": self.boolean,
                    "service_account_user": self.string, "access_token_lifetime": self.integer(InputBounds.lifetimeSeconds),
                    "refresh_token_lifetime": self.integer(InputBounds.lifetimeSeconds),
                    "authorization_code_lifetime": self.integer(InputBounds.lifetimeSeconds),
                ],
                required: ["client_id", "grant_types", "allowed_scopes"]),
            "TokenMintRequest": self.object(
                [
                    "user": self.string, "client": self.string, "scopes": self.strings, "lifetime": self.integer(InputBounds.lifetimeSeconds),
                    "faults": ["type": "array", "items": ["type": "string", "enum": tokenFaults]],
                ], required: ["user", "client"]),
            "TokenResponse": self.object(
                [
                    "access_token": self.string, "id_token": self.string, "refresh_token": self.string, "expires_in": self.integer(),
                    "token_type": self.string, "scope": self.string,
                ], required: ["access_token", "expires_in", "token_type", "scope"]),
            "JournalEntry": self.object(
                [
                    "id": self.integer(), "time": self.dateTime, "method": self.string, "path": self.string,
                    "endpoint": ["type": "string", "enum": .array(EndpointKind.allCases.map { .string($0.rawValue) })],
                    "parameters": ["type": "object", "additionalProperties": ["type": "string"]], "authorization": self.string,
                    "status": self.integer(), "location": self.string, "durationMilliseconds": ["type": "number"],
                ], required: ["id", "time", "method", "path", "endpoint", "parameters", "status", "durationMilliseconds"]),
            "JournalPage": self.object(
                ["count": self.integer(), "capacity": self.integer(), "requests": ["type": "array", "items": self.ref("JournalEntry")]],
                required: ["count", "capacity", "requests"]),
            "TokensPage": self.object(
                [
                    "capacity": self.integer(),
                    "tokens": [
                        "type": "array",
                        "items": self.object(
                            [
                                "kind": ["type": "string", "enum": ["access_token", "id_token"]], "client_id": self.string, "sub": self.string,
                                "token": self.string, "header": ["type": "object"], "claims": ["type": "object"], "expired": self.boolean,
                                "revoked": self.boolean,
                            ], required: ["kind", "client_id", "token", "header", "claims", "expired", "revoked"]),
                    ],
                ], required: ["capacity", "tokens"]),
            "SessionsState": self.object(
                [
                    "sessions": [
                        "type": "array",
                        "items": self.object(
                            ["sid": self.string, "sub": self.string, "username": self.string, "auth_time": self.integer()],
                            required: ["sid", "sub", "auth_time"]),
                    ],
                    "consents": [
                        "type": "array",
                        "items": self.object(
                            [
                                "id": self.integer(), "subject": self.string, "clientID": self.string, "clientName": self.string,
                                "scopes": self.strings, "createdAt": self.dateTime, "remembered": self.boolean,
                            ], required: ["id", "subject", "clientID", "scopes", "createdAt", "remembered"]),
                    ],
                ], required: ["sessions", "consents"]),
            "ResetState": self.object(["status": ["type": "string", "const": "reset"]], required: ["status"]),
        ]
    }
}
