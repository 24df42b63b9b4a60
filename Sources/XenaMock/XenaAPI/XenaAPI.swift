import Foundation
import Hummingbird
import Logging

/// The stub of Xena's REST API under `/Api`: every operation of Xena's Swagger document, bearer-token authorization as
/// the real API does it, realistic data and webhooks. It owns the API's data, the parsed document and the webhook
/// deliveries.
public final class XenaAPI: Sendable {
    /// The stub API's data.
    public let store: APIStore
    /// Xena's API description, read on the first API request.
    public let specification: APISpecificationLoader
    /// Webhook deliveries; their outcomes are announced on `webhooks.outcomes`.
    public let webhooks: WebhookDispatcher
    private let kernel: MockKernel
    private let consents: ConsentRecordStore
    private let validator: AccessTokenValidator

    /// The API over the kernel, its fixtures and the identity server's consents (`User/ClientAuthorization`) and
    /// token validation.
    init(kernel: MockKernel, fixtures: FixtureSet, identityServer: IdentityServer) throws(ConfigurationError) {
        let configuration = kernel.configuration
        let specificationFile = try APISpecificationLoader.file(configured: configuration.apiSpecificationFile, fixturesDirectory: fixtures.directory)
        var logger = Logger(label: "xena-mock.webhooks")
        logger.logLevel = configuration.logLevel
        self.kernel = kernel
        self.consents = identityServer.consents
        self.validator = identityServer.accessTokenValidator
        self.store = APIStore(fixtures: fixtures.api, clock: kernel.clock, seed: configuration.dataSeed, database: kernel.database)
        self.specification = APISpecificationLoader(
            file: specificationFile, store: self.store, logger: logger, preloaded: configuration.apiSpecification)
        self.webhooks = WebhookDispatcher(
            store: self.store, transport: configuration.webhookTransport ?? HTTPWebhookTransport(trusting: kernel.tls?.caCertificatePEM),
            logger: logger)
    }

    /// The routes under `/Api` (and the published document); the router must match paths case-insensitively.
    func addRoutes(to router: Router<XenaRequestContext>) {
        APIController(
            store: self.store, authorizer: APIAuthorizer(validator: self.validator, directory: self.kernel.directory), consents: self.consents,
            webhooks: self.webhooks, specification: self.specification, issuer: self.kernel.issuer
        ).addRoutes(to: router)
    }

    /// Back to the fixtures: generated data forgotten, webhooks and their failures gone.
    func reset() {
        self.store.reset()
    }
}
