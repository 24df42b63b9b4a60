// swift-format-ignore-file: AlwaysUseLowerCamelCase

// The decoded types mirror the JSON names exactly as the DocC article shows them.
import Foundation
import Testing
import XenaMock

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The example of the DocC article "Testing your Xena client with XenaMock", kept compiling and passing.
struct CompanyReader {
    let authority: String
    let apiBase: URL

    func companyNames() async throws -> [String] {
        let token = try await self.token()
        var request = URLRequest(url: self.apiBase.appending(path: "Api/User/FiscalSetup"))
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        let (data, _) = try await URLSession.shared.data(for: request)
        struct Page: Decodable {
            struct Setup: Decodable {
                struct Address: Decodable { let Name: String }
                let Address: Address
            }
            let Entities: [Setup]
        }
        return try JSONDecoder().decode(Page.self, from: data).Entities.map(\.Address.Name)
    }

    private func token() async throws -> String {
        for _ in 0..<2 {
            var request = URLRequest(url: self.apiBase.appending(path: "connect/token"))
            request.httpMethod = "POST"
            request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(
                "grant_type=client_credentials&scope=testapi&client_id=demo-service.xena.biz&client_secret=demo-service-secret".utf8)
            let (data, response) = try await URLSession.shared.data(for: request)
            if (response as? HTTPURLResponse)?.statusCode == 503 { continue }
            struct Token: Decodable { let access_token: String }
            return try JSONDecoder().decode(Token.self, from: data).access_token
        }
        throw URLError(.cannotConnectToHost)
    }
}

@Test func readsCompaniesAndSurvivesABriefOutage() async throws {
    try await XenaMockServer.withServer { server in
        try server.addFault("token:status=503,once")
        let reader = CompanyReader(authority: server.issuer, apiBase: server.baseURL)

        let names = try await reader.companyNames()

        #expect(names == ["Nørrebro Cykler ApS", "Fjordkaffe A/S"])
        #expect(server.requests(endpoint: .token).map(\.status) == [503, 200])
    }
}
