import Foundation
import HTTPTypes
import Hummingbird
import NIOFoundationEssentialsCompat

/// The control API under `/_mock`: JSON in and out, for tests in any language to steer the mock.
///
/// When the server has an admin token (`--admin-token`), every call needs `Authorization: Bearer <token>`.
struct ControlController: Sendable {
    let kernel: MockKernel
    let identityServer: IdentityServer
    let controlPlane: ControlPlane
    let dashboard: DashboardController

    private var clock: MockClock { self.kernel.clock }

    func addRoutes(to router: EndpointRoutes) {
        let root = ControlPaths.root
        let routes = router.group(root, middleware: AdminTokenMiddleware(adminToken: self.kernel.configuration.adminToken))
        routes.on("\(root)/clock", method: .get) { _, _ in try self.clockState() }
        routes.on("\(root)/clock/advance", method: .post) { request, context in
            struct Advance: Decodable { var seconds: Double }
            let body = try await Self.decode(Advance.self, request, context)
            if let problem = self.clock.moveProblem(by: body.seconds) { throw ControlError.invalidRequest(problem) }
            self.clock.advance(by: body.seconds)
            return try self.clockState()
        }
        routes.on("\(root)/clock/set", method: .post) { request, context in
            let body = try await Self.decode(ClockSetting.self, request, context)
            if let problem = MockClock.setProblem(to: body.epochSeconds) { throw ControlError.invalidRequest(problem) }
            self.clock.set(to: Date(timeIntervalSince1970: body.epochSeconds))
            return try self.clockState()
        }
        routes.on("\(root)/clock/reset", method: .post) { _, _ in
            self.clock.reset()
            return try self.clockState()
        }

        routes.on("\(root)/faults", method: .get) { _, _ in try self.faultsState() }
        routes.on("\(root)/faults", method: .post) { request, context in
            let fault = try await Self.decodeFault(request, context)
            let active = self.controlPlane.faults.add(fault)
            return try JSONResponse.make(active, status: .created)
        }
        routes.on("\(root)/faults", method: .delete) { _, _ in
            self.controlPlane.faults.removeAll()
            return try self.faultsState()
        }
        routes.on("\(root)/faults/:id", method: .delete) { _, context in
            guard let id = context.parameters.get("id", as: Int.self), self.controlPlane.faults.remove(id: id) else {
                throw ControlError.notFound("fault with id", context.parameters.get("id") ?? "")
            }
            return try self.faultsState()
        }

        routes.on("\(root)/tls/ca.pem", method: .get) { _, _ in
            guard let pem = self.kernel.tls?.caCertificatePEM else {
                throw ControlError.notFound("generated CA certificate", "(the server runs without --tls)")
            }
            return Response(
                status: .ok, headers: [.contentType: "application/x-pem-file"], body: .init(byteBuffer: ByteBuffer(string: pem)))
        }
        routes.on("\(root)/keys", method: .get) { _, _ in try self.keysState() }
        routes.on("\(root)/keys/rotate", method: .post) { _, _ in
            let (kid, previous) = try await self.kernel.signingKeys.rotate()
            return try JSONResponse.make(["kid": kid, "previous": previous])
        }
        routes.on("\(root)/keys/:kid", method: .delete) { _, context in
            let kid = context.parameters.get("kid") ?? ""
            do {
                try self.kernel.signingKeys.retire(kid)
            } catch KeyRingError.unknownKey {
                throw ControlError.notFound("key", kid)
            } catch let error as KeyRingError {
                throw ControlError.conflict(error.description)
            }
            return try self.keysState()
        }

        routes.on("\(root)/token-faults", method: .get) { _, _ in try self.tokenFaultsState() }
        routes.on("\(root)/token-faults", method: .post) { request, context in
            struct Add: Decodable {
                var fault: TokenFault
                var count: Int?
                var all: Bool?
            }
            let body = try await Self.decode(Add.self, request, context)
            if let count = body.count, let problem = InputBounds.problem("count", count, in: InputBounds.faultCount) {
                throw ControlError.invalidRequest(problem)
            }
            if body.all == true && body.count != nil { throw ControlError.invalidRequest("all: give either count or all, not both") }
            self.identityServer.tokenFaults.add(.init(fault: body.fault, remaining: body.all == true ? nil : body.count ?? 1))
            return try self.tokenFaultsState()
        }
        routes.on("\(root)/token-faults", method: .delete) { _, _ in
            self.identityServer.tokenFaults.removeAll()
            return try self.tokenFaultsState()
        }

        routes.on("\(root)/consent", method: .get) { _, _ in try self.consentState() }
        routes.on("\(root)/consent", method: .post) { request, context in
            struct Queue: Decodable { var outcomes: [ConsentOutcome] }
            let body = try await Self.decode(Queue.self, request, context)
            for (index, outcome) in body.outcomes.enumerated() {
                if case .approve(.some(let username), _) = outcome, self.kernel.directory.user(named: username) == nil {
                    throw ControlError.invalidRequest("outcomes[\(index)].user: no user named '\(username)'")
                }
            }
            self.identityServer.consentScript.enqueue(body.outcomes)
            return try self.consentState()
        }
        routes.on("\(root)/consent", method: .delete) { _, _ in
            self.identityServer.consentScript.removeAll()
            return try self.consentState()
        }

        self.addDirectoryRoutes(to: routes)
        self.dashboard.addEventRoutes(to: routes)

        routes.on("\(root)/tokens", method: .get) { _, _ in
            let grants = self.identityServer.grants
            let tokens = self.identityServer.issuedTokens.entries(now: self.clock.nowSeconds) { grants.isAccessTokenRevoked(id: $0) }
            return try JSONResponse.make(TokensPage(capacity: IssuedTokenLog.capacity, tokens: tokens))
        }
        routes.on("\(root)/sessions", method: .get) { _, _ in
            let directory = self.kernel.directory
            let sessions = self.identityServer.sessions.all.map { session in
                SessionEntry(session: session, username: directory.user(subject: session.subject)?.username)
            }
            let consents = directory.snapshot.users.values.sorted { $0.username < $1.username }.flatMap {
                self.identityServer.consents.records(subject: $0.subject)
            }
            return try JSONResponse.make(SessionsState(sessions: sessions, consents: consents))
        }
        routes.on("\(root)/tokens", method: .post) { request, context in
            try await self.mintToken(try await Self.decode(TokenMintRequest.self, request, context))
        }

        routes.on("\(root)/requests", method: .get) { request, _ in
            var endpoint: EndpointKind?
            if let name = request.uri.queryParameters["endpoint"] {
                guard let kind = EndpointKind(rawValue: String(name)) else {
                    throw ControlError.invalidRequest(
                        "endpoint: unknown '\(name)'; use one of \(EndpointKind.allCases.filter { !$0.isInfrastructure }.map(\.rawValue).joined(separator: ", "))"
                    )
                }
                endpoint = kind
            }
            let entries = self.controlPlane.journal.entries(endpoint: endpoint)
            return try JSONResponse.make(JournalPage(count: entries.count, capacity: self.controlPlane.journal.capacity, requests: entries))
        }
        routes.on("\(root)/requests", method: .delete) { _, _ in
            self.controlPlane.journal.removeAll()
            return Response(status: .noContent)
        }

        routes.on("\(root)/openapi.json", method: .get) { _, _ in
            APIResponse.make(ControlAPIDescription.document(baseURL: self.kernel.issuer.current.string))
        }

        routes.on("\(root)/reset", method: .post) { _, _ in
            await self.controlPlane.reset()
            return try JSONResponse.make(["status": "reset"])
        }
    }

    // MARK: Users and clients

    private func addDirectoryRoutes(to routes: EndpointRoutes) {
        self.addDirectoryRoutes(for: UserFixture.self, at: "\(ControlPaths.root)/users", to: routes)
        self.addDirectoryRoutes(for: ClientFixture.self, at: "\(ControlPaths.root)/clients", to: routes)
    }

    /// GET (list) and POST at `path`; GET, PUT and DELETE at `path/{key}`.
    private func addDirectoryRoutes<Entry: DirectoryEntry>(for type: Entry.Type, at path: String, to routes: EndpointRoutes) {
        let directory = self.kernel.directory
        routes.on(path, method: .get) { _, _ in try JSONResponse.make(directory.fixtures[keyPath: Entry.fixtures]) }
        routes.on(path, method: .post) { request, context in
            let entry = try await Self.decode(Entry.self, request, context)
            guard directory.entry(Entry.self, key: entry.directoryKey) == nil else {
                throw ControlError.conflict("\(Entry.keyName): '\(entry.directoryKey)' exists; PUT \(path)/\(entry.directoryKey) replaces it")
            }
            try Self.applying { try directory.put(entry) }
            return try JSONResponse.make(entry, status: .created)
        }
        routes.on("\(path)/:key", method: .get) { _, context in
            let key = context.parameters.get("key") ?? ""
            guard let entry = directory.entry(Entry.self, key: key) else { throw ControlError.notFound(Entry.kindName, key) }
            return try JSONResponse.make(entry)
        }
        routes.on("\(path)/:key", method: .put) { request, context in
            let entry = try await Self.decode(Entry.self, request, context)
            try Self.applying { try directory.put(entry, replacing: context.parameters.get("key") ?? "") }
            return try JSONResponse.make(entry)
        }
        routes.on("\(path)/:key", method: .delete) { _, context in
            let key = context.parameters.get("key") ?? ""
            guard try Self.applying({ try directory.remove(Entry.self, key: key) }) else { throw ControlError.notFound(Entry.kindName, key) }
            return Response(status: .noContent)
        }
    }

    // MARK: Minting

    /// `POST /_mock/tokens`: a token for a user, client, scopes and lifetime, without any flow.
    struct TokenMintRequest: Decodable {
        var user: String
        var client: String
        var scopes: [String]?
        /// Seconds; default: the client's access token lifetime.
        var lifetime: Int?
        var faults: [TokenFault]?
    }

    private func mintToken(_ body: TokenMintRequest) async throws -> Response {
        let minted = try self.identityServer.mintToken(
            username: body.user, clientID: body.client, scopes: body.scopes, lifetime: body.lifetime, faults: Set(body.faults ?? []))
        return try JSONResponse.make(minted, headers: [.cacheControl: "no-store"])
    }

    // MARK: Answers

    private func keysState() throws -> Response {
        try JSONResponse.make(["keys": self.kernel.signingKeys.list])
    }

    private func clockState() throws -> Response {
        try JSONResponse.make(ClockState(clock: self.clock))
    }

    private func faultsState() throws -> Response {
        try JSONResponse.make(FaultsState(faults: self.controlPlane.faults.active, latencyMilliseconds: self.controlPlane.faults.latencyMilliseconds))
    }

    private func tokenFaultsState() throws -> Response {
        try JSONResponse.make(["rules": self.identityServer.tokenFaults.active])
    }

    private func consentState() throws -> Response {
        try JSONResponse.make(ConsentState(mode: self.kernel.configuration.consentMode, pending: self.identityServer.consentScript.pending))
    }

    struct ClockState: Encodable {
        var now: String
        var epochSeconds: Int64
        var offsetSeconds: Double

        init(clock: MockClock) {
            let now = clock.now
            self.now = APITimestamp.format(now)
            self.epochSeconds = clock.nowSeconds
            self.offsetSeconds = (clock.offset * 1000).rounded() / 1000
        }
    }

    /// `POST /_mock/clock/set`: `{"time": "2026-12-24T18:00:00Z"}` or `{"time": 1798135200}` (seconds since 1970).
    struct ClockSetting: Decodable {
        var epochSeconds: Double

        enum CodingKeys: String, CodingKey { case time }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            if let seconds = try? container.decode(Double.self, forKey: .time) {
                self.epochSeconds = seconds
                return
            }
            let text = try container.decode(String.self, forKey: .time)
            guard let date = ControlController.parseDate(text) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .time, in: container,
                    debugDescription: "'\(text)' is not an ISO 8601 date-time such as 2026-12-24T18:00:00Z, nor a number of seconds since 1970")
            }
            self.epochSeconds = date.timeIntervalSince1970
        }
    }

    struct FaultsState: Encodable {
        var faults: [FaultInjector.ActiveFault]
        var latencyMilliseconds: Int
    }

    struct ConsentState: Encodable {
        var mode: ConsentMode
        var pending: [ConsentOutcome]
    }

    struct JournalPage: Encodable {
        var count: Int
        var capacity: Int
        var requests: [RequestJournal.Entry]
    }

    // MARK: Plumbing

    /// Decodes a JSON body; any problem is a 400 naming the field.
    static func decode<Body: Decodable>(_ type: Body.Type, _ request: Request, _ context: XenaRequestContext) async throws -> Body {
        try await Self.decode(Body.self, request: try await Self.body(of: request, context))
    }

    private static func body(of request: Request, _ context: XenaRequestContext) async throws -> Data {
        Data(buffer: try await request.body.collect(upTo: context.maxUploadSize))
    }

    /// A fault as `{"spec": "token:status=503"}` or as its JSON form.
    static func decodeFault(_ request: Request, _ context: XenaRequestContext) async throws -> EndpointFault {
        struct Spec: Decodable { var spec: String }
        let data = try await Self.body(of: request, context)
        if let spec = try? JSONDecoder().decode(Spec.self, from: data) {
            do { return try EndpointFault(spec: spec.spec) } catch { throw ControlError.invalidRequest("spec: \(error.message)") }
        }
        let fault = try await Self.decode(EndpointFault.self, request: data)
        do { try fault.validate() } catch { throw ControlError.invalidRequest(error.message) }
        return fault
    }

    private static func decode<Body: Decodable>(_ type: Body.Type, request data: Data) async throws -> Body {
        guard !data.isEmpty else { throw ControlError.invalidRequest("The body is empty; send JSON.") }
        do {
            return try JSONDecoder().decode(Body.self, from: data)
        } catch let error as DecodingError {
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty, let problem = Self.numberProblem(in: data) {
                throw ControlError.invalidRequest(problem)
            }
            throw ControlError.invalidRequest(FixtureFile.describe(error).replacingOccurrences(of: "$.", with: ""))
        }
    }

    /// Foundation calls a body "not valid JSON" when a number does not fit its field's type; this names the field.
    private static func numberProblem(in data: Data) -> String? {
        let value: JSONValue
        do {
            value = try JSONParser.parse(Array(data))
        } catch {
            return error.reason == JSONParser.numberOutOfRange ? "body: the number ending at byte \(error.offset) is beyond what JSON numbers can hold" : nil
        }
        func search(_ value: JSONValue, _ path: String) -> String? {
            switch value {
            case .number(let number) where number.rounded() != number || abs(number) >= 9.2e18:
                return "\(path.isEmpty ? "body" : path): \(number) does not fit; numbers here are whole numbers between \(Int64.min) and \(Int64.max)"
            case .array(let items):
                return items.enumerated().lazy.compactMap { search($0.element, "\(path)[\($0.offset)]") }.first
            case .object(let members):
                return members.sorted { $0.key < $1.key }.lazy.compactMap { search($0.value, path.isEmpty ? $0.key : "\(path).\($0.key)") }.first
            default:
                return nil
            }
        }
        return search(value, "")
    }

    @discardableResult
    private static func applying<Result>(_ change: () throws -> Result) throws -> Result {
        do { return try change() } catch let error as IdentityDirectory.ChangeError { throw ControlError.invalidRequest(error.message) }
    }

    static func parseDate(_ text: String) -> Date? {
        (try? Date(text, strategy: .iso8601)) ?? (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text))
    }
}
