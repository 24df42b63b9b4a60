import Testing

@testable import XenaMock

/// Bodies against their documented schema: each refusal names its field.
@Suite struct BodyValidatorTests {
    private let validator = BodyValidator(specification: APISpecificationTests.specification)
    private let article = APISchema(kind: .object, reference: "ArticleDto")

    private func paths(_ body: JSONValue, _ schema: APISchema) -> [String] {
        self.validator.problems(body, against: schema).map(\.path)
    }

    @Test func aValidBodyHasNoProblems() {
        #expect(self.paths(["ArticleNumber": "A-1", "Description": "Cykel", "SalesPrice": 10.5, "Unknown": [1, 2]], self.article).isEmpty)
    }

    @Test func requiredFieldsMustBeThereAndNotNull() {
        #expect(self.paths(["Description": "Cykel"], self.article) == ["ArticleNumber"])
        #expect(self.paths(["ArticleNumber": nil, "Description": "Cykel"], self.article) == ["ArticleNumber"])
    }

    @Test func typesLengthsAndIntegerWidthsAreChecked() {
        #expect(self.paths(["ArticleNumber": "A", "Description": "D", "SalesPrice": "ten"], self.article) == ["SalesPrice"])
        #expect(self.paths(["ArticleNumber": .string(String(repeating: "x", count: 256)), "Description": "D"], self.article) == ["ArticleNumber"])
        #expect(self.paths(["ArticleNumber": "", "Description": "D"], self.article) == ["ArticleNumber"])
        let partner = APISchema(kind: .object, reference: "PartnerDto")
        #expect(self.paths(["AccountNumber": 2_147_483_648], partner) == ["AccountNumber"])
        #expect(self.paths(["AccountNumber": 1.5], partner) == ["AccountNumber"])
        #expect(self.paths(["AccountNumber": 2_147_483_647], partner).isEmpty)
    }

    @Test func nestedProblemsNameTheirPath() {
        let partner = APISchema(kind: .object, reference: "PartnerDto")
        #expect(self.paths(["Address": ["Name": 5]], partner) == ["Address.Name"])
        #expect(self.paths(["Address": "Vestergade 1"], partner) == ["Address"])
    }

    @Test func aBodyThatIsNoObjectIsRefused() {
        #expect(self.paths([1, 2], self.article) == [""])
        #expect(self.paths("text", self.article) == [""])
    }

    @Test func readOnlyFieldsAreNotChecked() {
        // `DescriptionFriendly` is read-only: whatever is sent is ignored, so it is no problem.
        #expect(self.paths(["ArticleNumber": "A", "Description": "D", "DescriptionFriendly": 5], self.article).isEmpty)
    }
}
