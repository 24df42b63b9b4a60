import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import XenaMock

/// Every number from outside has documented bounds; out of range is a 400 naming the field, never a trap.
@Suite struct InputBoundsTests {
    @Test(arguments: [
        (#"{"seconds": 1e300}"#, "seconds: must keep the clock between 1970"),
        (#"{"seconds": -1e300}"#, "seconds: must keep the clock between 1970"),
        (#"{"seconds": 1e400}"#, "body: the number ending at byte 17 is beyond"),
        (#"{"seconds": 9223372036854775808}"#, "seconds: must keep the clock"),
    ])
    func clockMovesBeyondTheYears1970To9999AreRefused(body: String, expected: String) async throws {
        try await TestServer.withRouter { client, mock in
            let before = mock.kernel.clock.offset
            let response = try await client.control(.post, "/clock/advance", json: body)
            #expect(response.status == .badRequest)
            let description = try #require(try response.json()["error_description"]?.string)
            #expect(description.hasPrefix(expected), "\(description)")
            #expect(mock.kernel.clock.offset == before)
        }
    }

    @Test(arguments: [
        #"{"time": -9223372036854775809}"#, #"{"time": -1}"#, #"{"time": 253402300800}"#, #"{"time": "10000-01-01T00:00:00Z"}"#,
        #"{"time": 1e308}"#,
    ])
    func settingTheClockOutOfRangeIsRefused(body: String) async throws {
        try await TestServer.withRouter { client, _ in
            let response = try await client.control(.post, "/clock/set", json: body)
            #expect(response.status == .badRequest, "\(body)")
            let description = try #require(try response.json()["error_description"]?.string)
            #expect(description.hasPrefix("time: "), "\(description)")
        }
    }

    @Test func theClockCanBeSetToBothEndsAndAsANumber() async throws {
        try await TestServer.withRouter { client, mock in
            let start = try await client.control(.post, "/clock/set", json: #"{"time": 0}"#)
            #expect(try start.json()["now"]?.string == "1970-01-01T00:00:00.000Z")
            let end = try await client.control(.post, "/clock/set", json: #"{"time": "9999-12-31T23:59:59Z"}"#)
            #expect(end.status == .ok)
            #expect(mock.kernel.clock.nowSeconds == 253_402_300_799)
            // The Swift API cannot leave the range either: it stops at the end.
            mock.kernel.clock.advance(by: 1e300)
            #expect(mock.kernel.clock.nowSeconds == 253_402_300_799)
            let token = try await client.postForm(
                "/connect/token", [("grant_type", "client_credentials")],
                headers: [.authorization: FormBody.basic("demo-service.xena.biz", "demo-service-secret")])
            #expect(token.status == .ok)
        }
    }

    @Test(arguments: [
        (#"{"user": "alice", "client": "demo-service.xena.biz", "lifetime": 1e20}"#, "lifetime: 1e+20 does not fit"),
        (#"{"user": "alice", "client": "demo-service.xena.biz", "lifetime": 0}"#, "lifetime: must be between 1 and 315360000 seconds"),
        (#"{"user": "alice", "client": "demo-service.xena.biz", "lifetime": 315360001}"#, "lifetime: must be between 1 and 315360000"),
        (#"{"user": "alice", "client": "demo-service.xena.biz", "lifetime": 9223372036854775807}"#, "lifetime: must be between 1"),
        (#"{"fault": "expired", "count": 1e30}"#, "count: 1e+30 does not fit"),
    ])
    func mintedLifetimesAndCountsAreBounded(body: String, expected: String) async throws {
        try await TestServer.withRouter { client, _ in
            let path = body.contains("fault") ? "/token-faults" : "/tokens"
            let response = try await client.control(.post, path, json: body)
            #expect(response.status == .badRequest)
            let description = try #require(try response.json()["error_description"]?.string)
            #expect(description.hasPrefix(expected), "\(description)")
        }
    }

    @Test func tenYearTokensMintedAtTheEndOfTimeStillValidate() async throws {
        try await TestServer.withRouter { client, mock in
            mock.kernel.clock.set(to: Date(timeIntervalSince1970: 253_402_300_000))
            let minted = try await client.control(
                .post, "/tokens", json: #"{"user": "alice", "client": "demo-service.xena.biz", "lifetime": 315360000}"#)
            #expect(minted.status == .ok)
            let token = try #require(try minted.json()["access_token"]?.string)
            let api = APIClient(client: client, token: token)
            #expect(try await api.get("User/FiscalSetup").status == .ok)
        }
    }

    @Test(arguments: ["times=0", "times=99999999999", "delay=-1", "delay=600001", "status=99", "status=100", "status=600"])
    func faultNumbersAreBounded(option: String) async throws {
        #expect(throws: ConfigurationError.self) { try EndpointFault(spec: "token:status=503,\(option)") }
        try await TestServer.withRouter { client, _ in
            let response = try await client.control(.post, "/faults", json: #"{"spec": "token:\#(option)"}"#)
            #expect(response.status == .badRequest)
        }
    }

    @Test(arguments: ["token:=", "token:,=,", "api:/Api:=x", "token: = ", "any:status=", ":", "::", "token:status=503,,="])
    func malformedFaultSpecsAreRefusedNotTrapped(spec: String) async throws {
        #expect(throws: ConfigurationError.self) { try EndpointFault(spec: spec) }
        try await TestServer.withRouter { client, _ in
            let response = try await client.control(.post, "/faults", json: #"{"spec": "\#(spec)"}"#)
            #expect(response.status == .badRequest, "\(spec)")
        }
    }

    @Test func configurationOutOfRangeRefusesToStart() async throws {
        var configuration = try TestServer.configuration()
        configuration.lifetimes.accessToken = Int.max
        await #expect(throws: ConfigurationError.self) { try await XenaMockInstance(configuration: configuration) }
        configuration = try TestServer.configuration()
        configuration.clockOffset = .infinity
        await #expect(throws: ConfigurationError.self) { try await XenaMockInstance(configuration: configuration) }
    }

    @Test func clientLifetimesBeyondTenYearsAreRefused() async throws {
        try await TestServer.withRouter { client, _ in
            let body = #"{"client_id": "x", "grant_types": ["authorization_code"], "allowed_scopes": ["openid"], "access_token_lifetime": 315360001}"#
            let response = try await client.control(.post, "/clients", json: body)
            #expect(response.status == .badRequest)
            let description = try #require(try response.json()["error_description"]?.string)
            #expect(description.contains("access_token_lifetime"), "\(description)")
        }
    }

    @Test(arguments: ["-1", "0x10", "2147483648", "99999999999999999999"])
    func maxAgeIsBounded(value: String) async throws {
        try await TestServer.withRouter { client, _ in
            let result = try await BrowserFlow.authorize(client, BrowserFlow.nativeCodeRequest(PKCEPair(), extra: [("max_age", value)]))
            #expect(result["error"] == "invalid_request", "\(value)")
        }
    }
}

/// The API's numbers: numbering past Int64.max, ids beyond 64 bits, paging at the edges.
@Suite struct APIBoundsTests {
    @Test func numberingAfterTheLargestAccountNumberStillFits() async throws {
        try await TestServer.withRouter { client, _ in
            let alice = try await APIClient.alice(client)
            let path = "Fiscal/\(APIClient.norrebro)/Partner"
            // AccountNumber is an int32 in Xena's document, so the largest number a partner can have is Int32.max.
            let first = try await alice.send(.post, path, json: #"{"Name": "a", "AccountNumber": 2147483647}"#)
            #expect(first.status == .ok)
            let second = try await alice.send(.post, path, json: #"{"Name": "b"}"#)
            #expect(second.status == .ok)
            let number = try #require(try second.jsonValue().object?["AccountNumber"]?.integer)
            #expect(Int32(exactly: number) != nil, "the new number \(number) fits the documented int32")
            let list = try await alice.get(path + "?ForceNoPaging=true&ShowDeactivated=true").jsonValue()
            let numbers = (list.object?["Entities"]?.elements ?? []).compactMap { $0.object?["AccountNumber"]?.integer }
            #expect(numbers.filter { $0 == number }.count == 1, "the new number \(number) is unique")
        }
    }

    @Test(arguments: [
        ("Fiscal/104200311/Partner/99999999999999999999999", "id"), ("Fiscal/99999999999999999999/Partner", "fiscalId"),
        ("Fiscal/104200311/Partner/-9223372036854775809", "id"),
    ])
    func idsBeyond64BitsAre400NamingTheParameter(path: String, name: String) async throws {
        try await TestServer.withRouter { client, _ in
            let response = try await APIClient.alice(client).get(path)
            #expect(response.status == .badRequest)
            #expect(try response.jsonValue().object?["Message"]?.string?.contains("not valid for \(name)") == true)
        }
    }

    @Test(arguments: ["Page=2147483648", "PageSize=0", "PageSize=2147483648", "Page=-1", "listOptions.page=1e3", "pageSize=9223372036854775808"])
    func pagingOutOfRangeIs400(query: String) async throws {
        try await TestServer.withRouter { client, _ in
            let response = try await APIClient.alice(client).get("Fiscal/\(APIClient.norrebro)/Partner?\(query)")
            #expect(response.status == .badRequest, "\(query)")
        }
    }

    @Test func theLargestPageOfTheLargestSizeIsEmptyNotATrap() async throws {
        try await TestServer.withRouter { client, _ in
            let response = try await APIClient.alice(client).get("Fiscal/\(APIClient.norrebro)/Partner?Page=2147483647&PageSize=2147483647")
            #expect(response.status == .ok)
            #expect(try response.jsonValue().object?["Entities"]?.elements?.isEmpty == true)
        }
    }

    @Test(arguments: [#""not a url""#, #""/relative""#, #""ftp://example.com/hook""#, #""http://""#, #""""#, "42", "null", nil])
    func webhookCallbacksMustBeAbsoluteHTTPURLs(callBack: String?) async throws {
        try await TestServer.withRouter { client, _ in
            let alice = try await APIClient.alice(client)
            let path = "Fiscal/\(APIClient.norrebro)/WebHook"
            let before = try await alice.get(path).jsonValue().object?["Count"]
            let field = callBack.map { #", "CallBackUrl": \#($0)"# } ?? ""
            let response = try await alice.send(.post, path, json: #"{"EntityType": "Order"\#(field)}"#)
            #expect(response.status == .badRequest)
            let errors = try response.jsonValue().object?["Errors"]?.elements ?? []
            #expect(errors.contains { $0.object?["Path"] == "CallBackUrl" })
            #expect(try await alice.get(path).jsonValue().object?["Count"] == before, "nothing stored")
        }
    }

    @Test func numbersJSONCannotCarryAreRefused() async throws {
        try await TestServer.withRouter { client, _ in
            let alice = try await APIClient.alice(client)
            let response = try await alice.send(.post, "Fiscal/\(APIClient.norrebro)/Partner", json: #"{"Name": "x", "Extra": 1e400}"#)
            #expect(response.status == .badRequest)
        }
    }
}
