import Foundation

/// The identity and API fixtures a server starts from, read and checked against each other.
struct FixtureSet: Sendable {
    /// Users, clients, API resources and the signing key.
    var identity: IdentityFixtures
    /// The API's fiscal setups and resources.
    var api: APIFixtures
    /// The directory they came from; nil when the configuration gave them in memory.
    var directory: URL?

    /// The fixtures the configuration gives, else those in the directory it names (or the bundled ones).
    init(configuration: XenaMockConfiguration) throws {
        if let given = configuration.identityFixtures {
            if let problem = given.validationProblem() {
                throw ConfigurationError("\(problem.file): \(FixtureFile.jsonPath(problem.path)): \(problem.message)")
            }
            self.identity = given
            self.api = configuration.apiFixtures ?? APIFixtures()
            self.directory = nil
        } else {
            let location = try FixtureLocation.resolve(configuration.fixturesDirectory)
            self.identity = try IdentityFixtures.load(from: location.url, displayDirectory: location.displayName)
            self.api = try configuration.apiFixtures ?? APIFixtures.load(from: location.url, displayDirectory: location.displayName)
            self.directory = location.url
        }
        try self.checkMemberships()
    }

    /// Every membership names a fiscal setup of the API fixtures (when they have any).
    private func checkMemberships() throws(ConfigurationError) {
        guard !self.api.fiscalSetups.isEmpty else { return }
        let fiscalIDs = Set(self.api.fiscalSetups.compactMap { $0["Id"]?.integer })
        for (userIndex, user) in self.identity.users.enumerated() {
            for (index, membership) in user.memberships.enumerated() where !fiscalIDs.contains(membership.fiscalSetupID) {
                throw ConfigurationError(
                    "users.json: $[\(userIndex)].memberships[\(index)].fiscal_setup_id: no fiscal setup \(membership.fiscalSetupID) in api/FiscalSetup.json"
                )
            }
        }
    }
}
