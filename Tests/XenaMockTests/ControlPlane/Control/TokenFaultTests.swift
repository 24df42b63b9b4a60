import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import XenaMock

@Suite struct TokenFaultTests {
    @Test(arguments: [
        (TokenFault.expired, 401, "The token expired at"),
        (.notYetValid, 401, "not valid before"),
        (.wrongIssuer, 401, "The issuer 'https://wrong-issuer.invalid' is invalid."),
        (.wrongAudience, 401, "The audience 'wrong-audience' is invalid."),
        (.badSignature, 401, "The signature is invalid."),
        (.unknownKeyID, 401, "The signature key was not found."),
        (.algorithmNone, 401, "algorithm 'none' is not accepted"),
        (.missingScope, 403, "lacks the testapi scope"),
    ])
    func theNextTokenCarriesTheFaultAndTheAPIRefusesIt(fault: TokenFault, status: Int, description: String) async throws {
        try await TestServer.withRouter { client, _ in
            let added = try await client.control(.post, "/token-faults", json: #"{"fault": "\#(fault.rawValue)", "count": 1}"#)
            #expect(added.status == .ok)
            let faulty = try await BrowserFlow.serviceToken(client)
            let refused = try await APIClient(client: client, token: faulty).get("User/FiscalSetup")
            #expect(refused.status.code == status)
            #expect(refused.headers[.wwwAuthenticate]?.contains(description) == true, "\(refused.headers[.wwwAuthenticate] ?? "")")
            // Only the next token: the one after is fine.
            let healthy = try await BrowserFlow.serviceToken(client)
            #expect(try await APIClient(client: client, token: healthy).get("User/FiscalSetup").status == .ok)
        }
    }

    @Test func allTokensAndTheExpiredTokensFlag() async throws {
        var configuration = try TestServer.configuration()
        configuration.tokenFaults = [.expired]
        try await TestServer.withRouter(configuration) { client, _ in
            for _ in 0..<2 {
                let token = try await BrowserFlow.serviceToken(client)
                #expect(try await APIClient(client: client, token: token).get("User/FiscalSetup").status == .unauthorized)
            }
            let login = try await BrowserFlow.nativeLogin(client)
            let claims = try DecodedJWT(try #require(login["access_token"]?.string)).claims
            #expect(try #require(claims["exp"]?.integer) < Int(Date().timeIntervalSince1970))
        }
    }

    @Test func theControlAPIListsAndClearsRules() async throws {
        try await TestServer.withRouter { client, _ in
            _ = try await client.control(.post, "/token-faults", json: #"{"fault": "expired", "all": true}"#)
            _ = try await client.control(.post, "/token-faults", json: #"{"fault": "bad-signature", "count": 2}"#)
            let rules = try #require(try await client.control(.get, "/token-faults").json()["rules"]?.elements)
            #expect(rules.count == 2)
            #expect(rules[1]["remaining"]?.integer == 2)
            _ = try await client.control(.delete, "/token-faults")
            #expect((try await client.control(.get, "/token-faults").json()["rules"]?.elements)?.isEmpty == true)
            let bad = try await client.control(.post, "/token-faults", json: #"{"fault": "tired"}"#)
            #expect(bad.status == .badRequest)
            #expect((try bad.json()["error_description"]?.string)?.hasPrefix("fault:") == true)
        }
    }
}
