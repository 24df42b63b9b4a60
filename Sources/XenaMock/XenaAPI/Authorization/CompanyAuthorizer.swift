/// Tenant scoping: a `Fiscal/{fiscalId}` path names a company that must exist and that the user must be a member of.
struct CompanyAuthorizer: Sendable {
    let store: APIStore

    /// Refuses a company that does not exist (404 FiscalSetup) or that the user is not a member of (403).
    func authorize(_ user: UserFixture, fiscalID: Int64) throws(XenaAPIError) {
        guard self.store.fiscalSetup(fiscalID) != nil else { throw .notFound("FiscalSetup") }
        guard user.memberships.contains(where: { $0.fiscalSetupID == fiscalID }) else {
            throw .forbidden("The user \(user.username) is not a member of fiscal setup \(fiscalID).")
        }
    }

    /// The company of a `Fiscal/{fiscalId}` path. The document types `fiscalId` as a string: text names no company
    /// (404 "FiscalSetup not found."), a number beyond 64 bits is a 400 naming `fiscalId`.
    static func fiscalID(_ text: String) throws(XenaAPIError) -> Int64 {
        if let id = Int64(text) { return id }
        let digits = text.hasPrefix("-") || text.hasPrefix("+") ? text.dropFirst() : Substring(text)
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw .notFound("FiscalSetup") }
        throw .badRequest("The value '\(text)' is not valid for fiscalId: use a whole number between \(Int64.min) and \(Int64.max).")
    }
}
