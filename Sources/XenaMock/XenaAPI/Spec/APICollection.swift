/// A set of entities the documented operations list, read, create, update and delete together, e.g. the orders
/// of a company (`/Api/Fiscal/{fiscalId}/Order` and `/Order/{id}`) or the posts of one partner
/// (`/Partner/{id}/PartnerPost`).
public struct APICollection: Sendable, Equatable {
    /// Whose entities they are.
    public enum Scope: Sendable, Equatable {
        /// A company's, under `/Api/Fiscal/{fiscalId}/`.
        case company
        /// The signed-in user's, under `/Api/User/`.
        case user
        /// Everyone's: `/Api/Country`, `/Api/Public/App`, …
        case global
    }

    /// How a list answers.
    public enum Listing: Sendable, Equatable {
        /// `{Count, Entities}`.
        case paged
        /// `{Entities, Exhausted}`.
        case enumerable
        /// A bare JSON array.
        case array
    }

    /// The template's segments after `/Api`, lower-cased, parameters as `{}`: `fiscal/{}/order`.
    public var key: String
    /// Whose entities the collection holds.
    public var scope: Scope
    /// The template's segments after the scope, as documented: `Order`, `Order/Invoice`, `Partner/{}/PartnerPost`.
    public var name: String
    /// The definition of its entities, e.g. `OrderDto`; nil when the document names none.
    public var entity: String?
    /// Whether a documented `GET` lists it, and in which envelope.
    public var listing: Listing?
    /// "Order not found.", from the document's 404 answers.
    public var notFoundMessage: String
    /// For a collection under a parent entity (`Partner/{id}/PartnerPost`): the parent's collection key.
    public var parent: String?
    /// The entity field that holds the parent's `Id`, e.g. `PartnerId`.
    public var parentField: String?
    /// A child list that is a filtered view of a company-wide collection (`Partner/{id}/Order` lists the orders
    /// whose `PartnerId` is the partner): that collection's key.
    public var viewOf: String?
    /// Template positions (after `/Api`) of the parameters that are part of the collection's identity, other than
    /// the company: a child collection's parent id.
    var parentPositions: [Int]
    /// Template segment count.
    var depth: Int

    /// Whose data a path template names: a company's where a `Fiscal/{fiscalId}` pair appears (with the position
    /// of the company's id), the user's under `User/` (also `Blob/User/…`), else everyone's.
    static func scope(of segments: [APIOperation.Segment]) -> (Scope, companyPosition: Int?) {
        for index in segments.indices.dropLast() {
            if case .literal(let text) = segments[index], text.lowercased() == "fiscal", case .parameter = segments[index + 1] {
                return (.company, index + 1)
            }
        }
        let userScoped = segments.prefix(2).contains { segment in
            if case .literal(let text) = segment { return text.lowercased() == "user" }
            return false
        }
        return (userScoped ? .user : .global, nil)
    }

    /// The store's table for this collection given a request's path segments, e.g. `Order` or `Partner/12/PartnerPost`.
    func tableName(_ segments: [String]) -> String {
        guard !self.parentPositions.isEmpty else { return self.name }
        var parts = self.name.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let offset = self.depth - parts.count
        for position in self.parentPositions where position - offset >= 0 && position - offset < parts.count && position < segments.count {
            parts[position - offset] = segments[position]
        }
        return parts.joined(separator: "/")
    }
}
