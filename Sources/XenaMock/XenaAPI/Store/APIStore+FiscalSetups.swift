import Foundation
import Synchronization

/// The companies themselves: `User/FiscalSetup` and `Fiscal/{fiscalId}/FiscalSetup`.
extension APIStore {
    /// The company with this id.
    public func fiscalSetup(_ id: Int64) -> Entity? {
        self.state.withLock { $0.fiscalSetups[id] }
    }

    /// The fiscal setups with these ids, in fixture order.
    public func fiscalSetups(ids: Set<Int64>) -> [Entity] {
        self.state.withLock { state in state.fiscalOrder.filter(ids.contains).compactMap { state.fiscalSetups[$0] } }
    }

    /// `PUT /Fiscal/{id}/FiscalSetup`: the company has no `{id}` segment and no FiscalSetupId.
    func updateFiscalSetup(_ id: Int64, body: JSONValue) throws(XenaAPIError) -> Entity {
        try self.state.withLock { state throws(XenaAPIError) in
            guard let existing = state.fiscalSetups[id] else { throw .notFound("FiscalSetup") }
            var updated = try Self.checkedUpdateBody(
                body, existing: existing, required: ["CurrencyAbbreviation", "Culture"], readOnly: ["FiscalSetupType", "IsAccountant"])
            Self.keepServerFields(from: existing, into: &updated, readOnly: ["FiscalSetupType", "IsAccountant"])
            updated["FiscalSetupId"] = nil
            state.fiscalSetups[id] = updated
            self.saveFiscalSetup(state, id: id)
            return updated
        }
    }
}
